import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type CryptoKey,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { type IssuerKeys } from './issuer-keys.service';
import { JwtAuthenticator } from './jwt-authenticator.service';
import { type OidcSettings } from './oidc-settings';
import { InsufficientRoleError, InvalidTokenError } from './sso.errors';

const ISSUER = 'https://idp.example.com';
const settings: OidcSettings = {
  issuer: ISSUER,
  audiences: ['agent-bus'],
  jwksUrl: undefined,
  algorithms: ['ES256'],
  rolesClaim: 'roles',
  roleMap: new Map(),
  workspacesClaim: undefined,
  defaultWorkspace: 'default',
  clockToleranceS: 0,
  jwksCooldownS: 30,
};

describe(JwtAuthenticator.name, () => {
  let privateKey: CryptoKey;
  let sut: JwtAuthenticator;
  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1' };
    const keys = { getKey: createLocalJWKSet({ keys: [jwk] }) } as unknown as IssuerKeys;
    sut = new JwtAuthenticator(settings, keys);
  });

  const aToken = (claims: JWTPayload) =>
    new SignJWT({ sub: 'ann', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience('agent-bus')
      .setExpirationTime('5m')
      .sign(privateKey);

  it('answers for JWTs only, leaving API keys to the key table', async () => {
    expect(sut.accepts(await aToken({}))).toBe(true);
    expect(sut.accepts('abk_c2VjcmV0LWtleS1vZi1hbi1hcGktY2xpZW50')).toBe(false);
  });

  it('returns the principal when its role is strong enough', async () => {
    const token = await aToken({ roles: ['approver'] });
    await expect(sut.authenticate(token, 'requester')).resolves.toMatchObject({
      name: 'ann',
      role: 'approver',
    });
  });

  it('refuses a weaker role with 403', async () => {
    const token = await aToken({ roles: ['viewer'] });
    await expect(sut.authenticate(token, 'approver')).rejects.toThrow(InsufficientRoleError);
  });

  it('refuses a token without an expiry, which would never end', async () => {
    const token = await new SignJWT({ sub: 'ann', roles: ['admin'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience('agent-bus')
      .sign(privateKey);
    await expect(sut.authenticate(token, 'viewer')).rejects.toThrow(/no "exp" claim/);
  });

  it('refuses every JWT by name while SSO is off', async () => {
    const off = new JwtAuthenticator(undefined, {} as IssuerKeys);
    const token = await aToken({ roles: ['admin'] });
    expect(off.accepts(token)).toBe(true);
    await expect(off.authenticate(token, 'viewer')).rejects.toThrow(InvalidTokenError);
    await expect(off.authenticate(token, 'viewer')).rejects.toThrow(/GATEWAY_OIDC_ISSUER/);
  });
});
