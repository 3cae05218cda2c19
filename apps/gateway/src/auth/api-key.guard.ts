import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type HttpRequest, type HttpResponse } from '../http/express.types';
import { ForbiddenError, UnauthenticatedError } from '../http/problem/problem.errors';
import { RequestRateLimiter } from '../rate-limits/request-rate-limiter.service';
import { apiKeyHash } from './api-key-secret.util';
import { CachedApiKeys } from './cached-api-keys.service';
import { type AuthenticatedRequest, type Principal } from './principal';
import { roleSatisfies, type Role } from './role';
import { ROLE_KEY } from './roles.decorator';
import { JwtAuthenticator } from './sso/jwt-authenticator.service';
import { OPERATOR_ONLY_KEY } from '../workspaces/operator-only.decorator';
import { WorkspaceScope } from '../workspaces/workspace-scope.service';

/**
 * Authenticates the API key (`Authorization: Bearer` or `X-API-Key`), or an SSO token
 * ({@link JwtAuthenticator}), checks the route's role, and takes the request from the caller's
 * rate ({@link RequestRateLimiter}: 429 past it); then keeps it inside its workspaces
 * ({@link WorkspaceScope}: a project or key of another workspace is a 404, and an operator-only
 * route a 403).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: CachedApiKeys,
    private readonly jwt: JwtAuthenticator,
    private readonly rates: RequestRateLimiter,
    private readonly scope: WorkspaceScope,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const needed = this.reflector.getAllAndOverride<Role | undefined>(ROLE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (needed === undefined) {
      throw new Error(`${context.getClass().name}.${context.getHandler().name} has no @Roles`);
    }
    const request = context.switchToHttp().getRequest<HttpRequest & AuthenticatedRequest>();
    const secret = presentedKey(request);
    if (secret === undefined) {
      throw new UnauthenticatedError(
        'Send an API key as "Authorization: Bearer <key>" or "X-API-Key".',
      );
    }
    request.principal = this.jwt.accepts(secret)
      ? await this.jwt.authenticate(secret, needed)
      : await this.keyPrincipal(secret, needed);
    await this.rates.take(request.principal, context.switchToHttp().getResponse<HttpResponse>());
    const operatorOnly = this.reflector.getAllAndOverride<boolean | undefined>(OPERATOR_ONLY_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (operatorOnly === true) this.scope.assertOperator(request.principal);
    await this.scope.assertReachable(
      { path: routePathOf(request), params: request.params ?? {} },
      request.principal,
    );
    return true;
  }

  private async keyPrincipal(secret: string, needed: Role): Promise<Principal> {
    const principal = await this.keys.findActive(apiKeyHash(secret));
    if (principal === undefined) {
      throw new UnauthenticatedError(
        'The API key is unknown, revoked or expired (or its rotation grace period is over): ask an admin for a new key (POST /v1/api-keys, or rotate the old one).',
      );
    }
    if (!roleSatisfies(principal.role, needed)) {
      throw new ForbiddenError(
        `This route needs role ${needed}; the key "${principal.name}" has ${principal.role}.`,
      );
    }
    return principal;
  }
}

// Express sets the matched route before the handler chain (where guards run) starts.
function routePathOf(request: HttpRequest): string {
  const path = request.route?.path;
  return typeof path === 'string' ? path : '';
}

function presentedKey(request: HttpRequest): string | undefined {
  const authorization = request.headers.authorization;
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  const header = request.headers['x-api-key'];
  const key = bearer ?? (typeof header === 'string' ? header.trim() : undefined);
  return key === '' ? undefined : key;
}
