import { RetryableError } from '@agentbus/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { OIDC_SETTINGS, type OidcSettings } from './oidc-settings';

// How long discovery and each JWKS fetch may take before the request is answered 503.
const FETCH_TIMEOUT_MS = 5_000;

const DiscoveryDocument = z.object({ issuer: z.string(), jwks_uri: z.string().url() });

/**
 * The issuer's signing keys, for `jwtVerify`: found through OpenID discovery unless the JWKS URL
 * is configured, fetched on first use (so the gateway starts while the identity provider is down)
 * and cached by jose, which fetches again for an unknown `kid` (a rotation) at most once per
 * cooldown. A failed discovery is not remembered: the next request tries again.
 */
@Injectable()
export class IssuerKeys {
  private resolver: Promise<JWTVerifyGetKey> | undefined;

  constructor(@Inject(OIDC_SETTINGS) private readonly settings: OidcSettings | undefined) {}

  /** A `jwtVerify` key resolver over the issuer's JWKS. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => (await this.keySet())(header, token);

  private keySet(): Promise<JWTVerifyGetKey> {
    if (this.resolver !== undefined) return this.resolver;
    const settings = this.settings;
    if (settings === undefined) throw new Error('SSO is off: there is no issuer to ask for keys');
    const pending = (
      settings.jwksUrl ? Promise.resolve(settings.jwksUrl) : discover(settings)
    ).then((url) =>
      createRemoteJWKSet(url, {
        timeoutDuration: FETCH_TIMEOUT_MS,
        cooldownDuration: settings.jwksCooldownS * 1_000,
      }),
    );
    this.resolver = pending;
    void pending.catch(() => {
      if (this.resolver === pending) this.resolver = undefined;
    });
    return pending;
  }
}

// OpenID Connect Discovery 1.0 §4: the document must name the issuer it was fetched for.
async function discover({ issuer }: OidcSettings): Promise<URL> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let body: unknown;
  try {
    const response = await fetch(url, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    body = await response.json();
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new RetryableError(`OIDC discovery failed at ${url}: ${reason}`, { cause });
  }
  const document = DiscoveryDocument.safeParse(body);
  if (!document.success || document.data.issuer !== issuer) {
    throw new RetryableError(`${url} is not the discovery document of issuer ${issuer}`);
  }
  return new URL(document.data.jwks_uri);
}
