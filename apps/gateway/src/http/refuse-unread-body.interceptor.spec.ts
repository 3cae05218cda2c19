import { type CallHandler, type ExecutionContext } from '@nestjs/common';
import { of } from 'rxjs';
import { ApiKeysController } from '../auth/api-keys.controller';
import { ProjectCommandsController } from '../commands/project-commands.controller';
import { ProjectDeletionController } from '../project-deletion/project-deletion.controller';
import { SkillsController } from '../skills/skills.controller';
import { readsBody, RefuseUnreadBodyInterceptor } from './refuse-unread-body.interceptor';

type Handler<C> = {
  [K in keyof C]: C[K] extends (...args: never[]) => unknown ? K : never;
}[keyof C];

/** The context Nest gives an interceptor for an HTTP request to `controller.handler`. */
function anHttpCall<C extends object>(
  controller: abstract new (...args: never[]) => C,
  handler: Handler<C> & string,
  body: unknown,
): ExecutionContext {
  return {
    getType: () => 'http',
    getClass: () => controller,
    getHandler: () => controller.prototype[handler as keyof C] as () => unknown,
    switchToHttp: () => ({ getRequest: () => ({ body }) }),
  } as unknown as ExecutionContext;
}

describe(RefuseUnreadBodyInterceptor.name, () => {
  const interceptor = new RefuseUnreadBodyInterceptor();
  const next: CallHandler = { handle: () => of('handled') };

  it('knows which handlers read a body (@Body) from Nest route metadata', () => {
    expect(readsBody(ProjectCommandsController, 'cancel')).toBe(true);
    expect(readsBody(ApiKeysController, 'rotate')).toBe(true);
    expect(readsBody(ProjectDeletionController, 'delete')).toBe(false);
    expect(readsBody(ApiKeysController, 'revoke')).toBe(false);
    expect(readsBody(SkillsController, 'uninstall')).toBe(false);
  });

  it.each([
    ['DELETE /v1/projects/:id', anHttpCall(ProjectDeletionController, 'delete', { zz: 1 })],
    ['POST /v1/api-keys/:id/revoke', anHttpCall(ApiKeysController, 'revoke', { reason: 'x' })],
    ['DELETE /v1/skills/:ref', anHttpCall(SkillsController, 'uninstall', { version: '1.0.0' })],
  ])('refuses a body with fields on %s, naming them (400)', (_route, context) => {
    expect(() => interceptor.intercept(context, next)).toThrow(
      expect.objectContaining({ status: 400, slug: 'validation-failed' }),
    );
  });

  it('names every field of the refused body', () => {
    const context = anHttpCall(ProjectDeletionController, 'delete', { force: true, why: 'x' });
    expect(() => interceptor.intercept(context, next)).toThrow(/force: .*; why: /);
  });

  it.each([undefined, {}])('lets a bodyless route through without a body (%p)', (body) => {
    const context = anHttpCall(ProjectDeletionController, 'delete', body);
    expect(interceptor.intercept(context, next)).toBeDefined();
  });

  it('leaves a body to the validation of a route that reads one', () => {
    const context = anHttpCall(ProjectCommandsController, 'cancel', { zz: 1 });
    expect(interceptor.intercept(context, next)).toBeDefined();
  });
});
