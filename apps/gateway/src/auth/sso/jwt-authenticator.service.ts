import { Inject, Injectable } from '@nestjs/common';
import { type JWTPayload, jwtVerify } from 'jose';
import { type Principal } from '../principal';
import { type Role, roleSatisfies } from '../role';
import { IssuerKeys } from './issuer-keys.service';
import { looksLikeJwt } from './looks-like-jwt.util';
import { OIDC_SETTINGS, type OidcSettings } from './oidc-settings';
import { InsufficientRoleError, InvalidTokenError } from './sso.errors';
import { tokenFailure } from './token-failure.util';
import { tokenPrincipal } from './token-principal.util';

/**
 * Authenticates OIDC/JWT bearer tokens beside API keys: a credential with a JWT's shape is
 * verified here (signature by the issuer's JWKS, allowed algorithms, issuer, audience, expiry and
 * not-before within the clock tolerance) and mapped to a {@link Principal}; anything else is left
 * to the API keys. With SSO off, a JWT is refused by name rather than looked up as a key.
 */
@Injectable()
export class JwtAuthenticator {
  constructor(
    @Inject(OIDC_SETTINGS) private readonly settings: OidcSettings | undefined,
    private readonly keys: IssuerKeys,
  ) {}

  /** True when `credential` is a JWT, which {@link authenticate} answers for. */
  accepts(credential: string): boolean {
    return looksLikeJwt(credential);
  }

  /** The token's principal when it verifies and its role is at least `needed`; else 401/403. */
  async authenticate(token: string, needed: Role): Promise<Principal> {
    const settings = this.settings;
    if (settings === undefined) {
      throw new InvalidTokenError(
        'This API accepts API keys only: JWT bearer tokens are off (no GATEWAY_OIDC_ISSUER).',
      );
    }
    const principal = tokenPrincipal(await this.verified(token, settings), settings);
    if (!roleSatisfies(principal.role, needed)) {
      throw new InsufficientRoleError(
        `This route needs role ${needed}; the token of "${principal.name}" maps to ${principal.role}.`,
      );
    }
    return principal;
  }

  private async verified(token: string, settings: OidcSettings): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.keys.getKey, {
        issuer: settings.issuer,
        audience: [...settings.audiences],
        algorithms: [...settings.algorithms],
        clockTolerance: settings.clockToleranceS,
        // A token without an expiry would be valid for ever.
        requiredClaims: ['exp', 'sub'],
      });
      return payload;
    } catch (error) {
      throw tokenFailure(error);
    }
  }
}
