import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type HttpRequest } from '../http/express.types';
import { ForbiddenError, UnauthenticatedError } from '../http/problem/problem.errors';
import { apiKeyHash } from './api-key-secret.util';
import { CachedApiKeys } from './cached-api-keys.service';
import { type AuthenticatedRequest } from './principal';
import { roleSatisfies, type Role } from './role';
import { ROLE_KEY } from './roles.decorator';
import { JwtAuthenticator } from './sso/jwt-authenticator.service';

/**
 * Authenticates the API key (`Authorization: Bearer` or `X-API-Key`), or an SSO token
 * ({@link JwtAuthenticator}), and checks the route's role.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: CachedApiKeys,
    private readonly jwt: JwtAuthenticator,
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
    if (this.jwt.accepts(secret)) {
      request.principal = await this.jwt.authenticate(secret, needed);
      return true;
    }
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
    request.principal = principal;
    return true;
  }
}

function presentedKey(request: HttpRequest): string | undefined {
  const authorization = request.headers.authorization;
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  const header = request.headers['x-api-key'];
  const key = bearer ?? (typeof header === 'string' ? header.trim() : undefined);
  return key === '' ? undefined : key;
}
