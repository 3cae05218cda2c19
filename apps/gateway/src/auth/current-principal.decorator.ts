import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type AuthenticatedRequest, type Principal } from './principal';

/** The authenticated {@link Principal} (the guard has run; a missing one is a wiring bug). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (principal === undefined) throw new Error('no principal: is the route behind ApiKeyGuard?');
    return principal;
  },
);
