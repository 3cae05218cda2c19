import { RetryableError } from '@agentbus/contracts';
import { type JWTPayload } from 'jose';
import { IssuerKeys } from '../../src/auth/sso/issuer-keys.service';
import { JwtAuthenticator } from '../../src/auth/sso/jwt-authenticator.service';
import { type OidcSettings } from '../../src/auth/sso/oidc-settings';
import { type Gateway, startGateway } from '../support/gateway-harness';
import {
  type LocalIssuer,
  newIssuerKey,
  startOidcIssuer,
  type TokenOptions,
} from '../support/oidc-issuer';

const ROLE_MAP = 'agentbus-viewers=viewer,agentbus-requesters=requester,agentbus-admins=admin';

/** An identity provider's user whose groups (Keycloak-style `realm_access.roles`) map to roles. */
const aUser = (groups: readonly string[] | undefined, more: JWTPayload = {}): JWTPayload => ({
  sub: 'f3b2c1d0-user',
  email: 'alice@example.com',
  ...(groups === undefined ? {} : { realm_access: { roles: [...groups] } }),
  ...more,
});

const VIEWER = aUser(['offline_access', 'agentbus-viewers']);
const REQUESTER = aUser(['agentbus-viewers', 'agentbus-requesters']);

const aSubmission = { name: 'SSO dashboard', requirements: '# SSO\nSign in with the IdP.' };

describe('auth: OIDC/JWT bearer tokens beside API keys', () => {
  let idp: LocalIssuer;
  let gw: Gateway;
  beforeAll(async () => {
    idp = await startOidcIssuer();
    gw = await startGateway({
      GATEWAY_OIDC_ISSUER: idp.issuer,
      GATEWAY_OIDC_AUDIENCE: `another-api,${idp.audience}`,
      GATEWAY_OIDC_ALGORITHMS: 'ES256',
      GATEWAY_OIDC_ROLES_CLAIM: 'realm_access.roles',
      GATEWAY_OIDC_ROLE_MAP: ROLE_MAP,
      GATEWAY_OIDC_CLOCK_TOLERANCE_S: '5',
      GATEWAY_OIDC_JWKS_COOLDOWN_S: '0',
    });
  });
  afterAll(async () => {
    await gw?.stop();
    await idp?.stop();
  });

  const listAs = (token: string) => gw.call('/v1/projects', { as: { key: token } });

  it('accepts a valid token with the role its claim maps to, found through discovery', async () => {
    const response = await listAs(await idp.sign(VIEWER));
    expect(response.status).toBe(200);
    expect(idp.jwksFetches()).toBeGreaterThanOrEqual(1);
  });

  it('names the principal by email and lets it submit with an Idempotency-Key', async () => {
    const token = await idp.sign(REQUESTER);
    const headers = { 'idempotency-key': `sso-${Date.now()}` };
    const submit = () =>
      gw.call('/v1/projects', { method: 'POST', as: { key: token }, json: aSubmission, headers });
    const first = await submit();
    const again = await submit();

    expect(first.status).toBe(202);
    const created = (await first.json()) as { id: string };
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(created);
    const { rows } = await gw.sql.query(
      `SELECT submitted_by FROM "${gw.schemas.gateway}".submissions WHERE id = $1`,
      [created.id],
    );
    expect(rows).toEqual([{ submitted_by: 'alice@example.com' }]);
  });

  it('names the principal by sub when the email is not verified', async () => {
    const token = await idp.sign(aUser(['agentbus-requesters'], { email_verified: false }));
    const response = await gw.call('/v1/projects', {
      method: 'POST',
      as: { key: token },
      json: aSubmission,
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    const { rows } = await gw.sql.query(
      `SELECT submitted_by FROM "${gw.schemas.gateway}".submissions WHERE id = $1`,
      [id],
    );
    expect(rows).toEqual([{ submitted_by: 'f3b2c1d0-user' }]);
  });

  it('accepts a token expired by less than the clock tolerance', async () => {
    expect((await listAs(await idp.sign(VIEWER, { expiresIn: -2 }))).status).toBe(200);
  });

  it('keeps API keys working beside tokens', async () => {
    expect((await gw.call('/v1/projects', { as: 'viewer' })).status).toBe(200);
    const unknown = await gw.call('/v1/projects', { as: { key: 'abk_not-a-real-key' } });
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { detail: string }).detail).toMatch(/API key/);
  });

  const refusals: [string, () => Promise<string>, RegExp][] = [
    [
      'a bad signature (right kid, another key)',
      async () => idp.sign(VIEWER, { key: await newIssuerKey('key-1') }),
      /signature/,
    ],
    ['an expired token', () => idp.sign(VIEWER, { expiresIn: -60 }), /expired/],
    ['a token not valid yet', () => idp.sign(VIEWER, { notBefore: 60 }), /not valid yet/],
    [
      'another issuer',
      () => idp.sign(VIEWER, { issuer: 'https://idp.example.com' }),
      /another issuer/,
    ],
    ['another audience', () => idp.sign(VIEWER, { audience: 'billing-api' }), /not meant for/],
    [
      'an unknown kid',
      async () => idp.sign(VIEWER, { key: await newIssuerKey('key-unknown') }),
      /kid/,
    ],
    ['alg none', () => Promise.resolve(idp.unsigned(VIEWER)), /algorithm/],
    ['no role claim', () => idp.sign(aUser(undefined)), /no ["']realm_access.roles["'] claim/],
    ['roles that map to nothing', () => idp.sign(aUser(['staff'])), /maps to no role/],
    [
      'no sub',
      () => idp.sign({ realm_access: { roles: ['agentbus-viewers'] } }),
      /no ["']sub["'] claim/,
    ],
  ];

  it.each(refusals)(
    'refuses %s: 401 problem with an invalid_token challenge',
    async (_, token, why) => {
      const response = await listAs(await token());
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const challenge = response.headers.get('www-authenticate') ?? '';
      expect(challenge).toMatch(
        /^Bearer realm="agent-bus", error="invalid_token", error_description="/,
      );
      expect(challenge).toMatch(why);
      expect(await response.json()).toMatchObject({
        type: 'urn:agentbus:problem:unauthenticated',
        status: 401,
        detail: expect.stringMatching(why),
      });
    },
  );

  it('answers 403 with an insufficient_scope challenge when the mapped role is too weak', async () => {
    const response = await gw.call('/v1/projects', {
      method: 'POST',
      as: { key: await idp.sign(VIEWER) },
      json: aSubmission,
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toMatch(
      /^Bearer realm="agent-bus", error="insufficient_scope", error_description=".*requester/,
    );
    expect(await response.json()).toMatchObject({
      type: 'urn:agentbus:problem:forbidden',
      detail: expect.stringContaining('alice@example.com'),
    });
  });

  it('picks up a rotated key set: the new kid is fetched and accepted, the retired one refused', async () => {
    const original = idp.keys();
    const next = await newIssuerKey('key-2');
    const before = idp.jwksFetches();
    idp.publish([next]);
    try {
      expect((await listAs(await idp.sign(VIEWER, { key: next }))).status).toBe(200);
      expect(idp.jwksFetches()).toBeGreaterThan(before);
      const retired = await listAs(await idp.sign(VIEWER, { key: original[0] }));
      expect(retired.status).toBe(401);
      expect(retired.headers.get('www-authenticate')).toMatch(/kid/);
    } finally {
      idp.publish(original);
    }
  });
});

describe('OIDC keys: a configured JWKS URL, discovery, outages', () => {
  let idp: LocalIssuer;
  beforeAll(async () => {
    idp = await startOidcIssuer();
  });
  afterAll(() => idp?.stop());

  const settingsFor = (issuer: string, more: Partial<OidcSettings> = {}): OidcSettings => ({
    issuer,
    audiences: [idp.audience],
    jwksUrl: undefined,
    algorithms: ['ES256'],
    rolesClaim: 'roles',
    roleMap: new Map(),
    workspacesClaim: undefined,
    defaultWorkspace: 'default',
    clockToleranceS: 0,
    jwksCooldownS: 30,
    ...more,
  });
  const authenticate = async (settings: OidcSettings, options: TokenOptions = {}) =>
    new JwtAuthenticator(settings, new IssuerKeys(settings)).authenticate(
      await idp.sign({ sub: 'bob', roles: ['viewer'] }, { issuer: settings.issuer, ...options }),
      'viewer',
    );

  it('uses a configured JWKS URL without discovery', async () => {
    const settings = settingsFor('https://idp.example.com', {
      jwksUrl: new URL(`${idp.issuer}/jwks`),
    });
    await expect(authenticate(settings)).resolves.toMatchObject({ name: 'bob', role: 'viewer' });
  });

  it('refuses a discovery document that names another issuer (503, not 401)', async () => {
    await expect(authenticate(settingsFor(`${idp.issuer}/`))).rejects.toThrow(RetryableError);
  });

  it('answers 503, not 401, while the identity provider is down, and recovers after', async () => {
    const settings = settingsFor(idp.issuer);
    const sut = new JwtAuthenticator(settings, new IssuerKeys(settings));
    const token = await idp.sign({ sub: 'bob', roles: ['viewer'] });
    idp.setUnavailable(true);
    try {
      await expect(sut.authenticate(token, 'viewer')).rejects.toThrow(RetryableError);
    } finally {
      idp.setUnavailable(false);
    }
    await expect(sut.authenticate(token, 'viewer')).resolves.toMatchObject({ name: 'bob' });
  });

  it('answers 503 when nothing listens at the issuer any more', async () => {
    const gone = await startOidcIssuer();
    const settings = settingsFor(gone.issuer);
    const token = await gone.sign({ sub: 'bob', roles: ['viewer'] });
    await gone.stop();
    const sut = new JwtAuthenticator(settings, new IssuerKeys(settings));
    await expect(sut.authenticate(token, 'viewer')).rejects.toThrow(RetryableError);
  });
});
