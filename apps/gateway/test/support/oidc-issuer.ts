import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
  UnsecuredJWT,
} from 'jose';

/** A signing key of the test issuer; only the ones in its JWKS are trusted. */
export interface IssuerKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

/** How a test token differs from a good one. */
export interface TokenOptions {
  readonly key?: IssuerKey | undefined;
  /** Signs with `key`'s private key but names this kid (a forged or unknown key). */
  readonly kid?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** Seconds from now; negative is in the past. */
  readonly expiresIn?: number;
  readonly notBefore?: number;
}

/**
 * An OpenID provider in the test process (node:http): `/.well-known/openid-configuration` names
 * `/jwks`, which serves the public keys of {@link keys}; tokens are signed with jose (ES256).
 */
export interface LocalIssuer {
  readonly issuer: string;
  readonly audience: string;
  /** The keys the JWKS publishes, newest last. */
  keys(): readonly IssuerKey[];
  /** Publishes these keys from now on (a rotation). */
  publish(next: readonly IssuerKey[]): void;
  /** While true, every request is answered 503 (an outage). */
  setUnavailable(unavailable: boolean): void;
  /** How often the JWKS was fetched. */
  readonly jwksFetches: () => number;
  sign(claims: JWTPayload, options?: TokenOptions): Promise<string>;
  /** An unsigned token (alg none) with otherwise valid claims. */
  unsigned(claims: JWTPayload): string;
  stop(): Promise<void>;
}

/** A new ES256 key pair named `kid`, not yet published. */
export async function newIssuerKey(kid: string): Promise<IssuerKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return { kid, privateKey, publicJwk };
}

/** Starts the issuer on a free port of 127.0.0.1 with one key, `key-1`. */
export async function startOidcIssuer(audience = 'agent-bus-api'): Promise<LocalIssuer> {
  let fetches = 0;
  let unavailable = false;
  let keys: readonly IssuerKey[] = [await newIssuerKey('key-1')];
  const server: Server = createServer((request, response) => {
    let body: object | undefined;
    if (unavailable) {
      response.writeHead(503).end();
      return;
    }
    if (request.url === '/.well-known/openid-configuration') {
      body = {
        issuer,
        jwks_uri: `${issuer}/jwks`,
        id_token_signing_alg_values_supported: ['ES256'],
      };
    } else if (request.url === '/jwks') {
      fetches += 1;
      body = { keys: keys.map((key) => key.publicJwk) };
    }
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? { error: 'not found' }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const now = () => Math.floor(Date.now() / 1000);
  return {
    issuer,
    audience,
    keys: () => keys,
    publish(next) {
      keys = next;
    },
    setUnavailable(value) {
      unavailable = value;
    },
    jwksFetches: () => fetches,
    async sign(claims, options = {}) {
      const key = options.key ?? (keys[0] as IssuerKey);
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: options.kid ?? key.kid })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? audience)
        .setIssuedAt()
        .setExpirationTime(now() + (options.expiresIn ?? 300));
      if (options.notBefore !== undefined) jwt.setNotBefore(now() + options.notBefore);
      return jwt.sign(key.privateKey);
    },
    unsigned(claims) {
      return new UnsecuredJWT(claims)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(now() + 300)
        .encode();
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
