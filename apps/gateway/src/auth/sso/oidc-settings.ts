import { ConfigError } from '@agentbus/config';
import { type GatewayConfig } from '../../config';
import { type Role } from '../role';

/** How JWT bearer tokens are verified and mapped to a principal; from the `GATEWAY_OIDC_*` keys. */
export interface OidcSettings {
  readonly issuer: string;
  readonly audiences: readonly string[];
  /** The JWKS; `undefined`: discovered from the issuer's `/.well-known/openid-configuration`. */
  readonly jwksUrl: URL | undefined;
  readonly algorithms: readonly string[];
  readonly rolesClaim: string;
  /** Claim value to role; empty: the gateway's role names stand for themselves. */
  readonly roleMap: ReadonlyMap<string, Role>;
  /** The claim naming the user's workspaces; `undefined`: everyone is in {@link defaultWorkspace}. */
  readonly workspacesClaim: string | undefined;
  readonly defaultWorkspace: string;
  readonly clockToleranceS: number;
  readonly jwksCooldownS: number;
}

/** Injection token of the {@link OidcSettings}, `undefined` when SSO is off. */
export const OIDC_SETTINGS = Symbol('OIDC_SETTINGS');

/**
 * The settings, or `undefined` when `GATEWAY_OIDC_ISSUER` is unset (SSO off). Throws a
 * {@link ConfigError} at start for a combination the per-key parse cannot see.
 */
export function oidcSettingsOf(config: GatewayConfig): OidcSettings | undefined {
  const issuer = config.GATEWAY_OIDC_ISSUER;
  if (issuer === undefined) {
    // An operator who set these but forgot the issuer would believe SSO is on.
    const orphans = [
      ...(config.GATEWAY_OIDC_AUDIENCE.length > 0 ? ['GATEWAY_OIDC_AUDIENCE'] : []),
      ...(config.GATEWAY_OIDC_JWKS_URL === undefined ? [] : ['GATEWAY_OIDC_JWKS_URL']),
    ];
    if (orphans.length > 0) {
      throw new ConfigError(orphans.map((key) => `${key}: set without GATEWAY_OIDC_ISSUER`));
    }
    return undefined;
  }
  if (config.GATEWAY_OIDC_AUDIENCE.length === 0) {
    // Without an audience check, any token of the issuer (for any of its apps) would be accepted.
    throw new ConfigError(['GATEWAY_OIDC_AUDIENCE: required when GATEWAY_OIDC_ISSUER is set']);
  }
  const jwksUrl = config.GATEWAY_OIDC_JWKS_URL;
  return {
    issuer,
    audiences: config.GATEWAY_OIDC_AUDIENCE,
    jwksUrl: jwksUrl === undefined ? undefined : new URL(jwksUrl),
    algorithms: config.GATEWAY_OIDC_ALGORITHMS,
    rolesClaim: config.GATEWAY_OIDC_ROLES_CLAIM,
    roleMap: config.GATEWAY_OIDC_ROLE_MAP,
    workspacesClaim: config.GATEWAY_OIDC_WORKSPACES_CLAIM,
    defaultWorkspace: config.GATEWAY_OIDC_DEFAULT_WORKSPACE,
    clockToleranceS: config.GATEWAY_OIDC_CLOCK_TOLERANCE_S,
    jwksCooldownS: config.GATEWAY_OIDC_JWKS_COOLDOWN_S,
  };
}
