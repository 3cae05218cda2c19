import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { type Observable } from 'rxjs';
import { type HttpRequest } from './express.types';
import { RequestValidationError } from './problem/problem.errors';

/** Whether a handler reads its body (`@Body()`): Nest keys body arguments `3:<index>`. */
export function readsBody(controller: object, handler: string): boolean {
  const args: unknown = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler);
  if (args === undefined || args === null) return false;
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
}

/** The top-level fields of a parsed body; none for no body or `{}`. */
const fieldsOf = (body: unknown): string[] =>
  body !== null && typeof body === 'object' ? Object.keys(body) : [];

/**
 * A route whose handler takes no body (`DELETE /v1/projects/:id`, key revoke, skill uninstall)
 * refuses one with fields, like any unknown field (400): ignored, `{"force":true}` or a typo would
 * be acted on as if it were understood. Runs after the guards (401/403/404 come first) and covers
 * every route, so a new bodyless route cannot forget it.
 */
@Injectable()
export class RefuseUnreadBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http' && !readsBody(context.getClass(), context.getHandler().name)) {
      const fields = fieldsOf(context.switchToHttp().getRequest<HttpRequest>().body);
      if (fields.length > 0) {
        throw new RequestValidationError(
          fields.map((path) => ({
            path,
            message: 'is not a known field (this route takes no body)',
          })),
        );
      }
    }
    return next.handle();
  }
}
