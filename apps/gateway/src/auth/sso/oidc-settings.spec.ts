import { ConfigError } from '@agentbus/config';
import { GatewayConfig } from '../../config';
import { oidcSettingsOf } from './oidc-settings';

const ISSUER = 'https://login.example.com/realms/agent-bus';
const load = (env: Record<string, string>) => oidcSettingsOf(GatewayConfig.load(env));

describe(oidcSettingsOf.name, () => {
  it('is off (undefined) without an issuer', () => {
    expect(load({})).toBeUndefined();
  });

  it('reads the issuer, audiences, algorithms, role claim and map, with defaults', () => {
    const sut = load({
      GATEWAY_OIDC_ISSUER: ISSUER,
      GATEWAY_OIDC_AUDIENCE: 'agent-bus, account',
      GATEWAY_OIDC_ROLE_MAP: 'agentbus-admins=admin, team=ops=viewer',
    });
    expect(sut).toMatchObject({
      issuer: ISSUER,
      audiences: ['agent-bus', 'account'],
      jwksUrl: undefined,
      algorithms: ['RS256', 'ES256'],
      rolesClaim: 'roles',
      clockToleranceS: 30,
      jwksCooldownS: 30,
    });
    expect([...(sut?.roleMap ?? [])]).toEqual([
      ['agentbus-admins', 'admin'],
      ['team=ops', 'viewer'], // the last = splits
    ]);
  });

  it('refuses an audience or JWKS URL without an issuer, which would leave SSO off unnoticed', () => {
    expect(() => load({ GATEWAY_OIDC_AUDIENCE: 'agent-bus' })).toThrow(/GATEWAY_OIDC_AUDIENCE/);
    expect(() => load({ GATEWAY_OIDC_JWKS_URL: 'https://idp.example.com/jwks' })).toThrow(
      /GATEWAY_OIDC_JWKS_URL: set without GATEWAY_OIDC_ISSUER/,
    );
  });

  it('needs an audience with an issuer', () => {
    expect(() => load({ GATEWAY_OIDC_ISSUER: ISSUER })).toThrow(ConfigError);
    expect(() => load({ GATEWAY_OIDC_ISSUER: ISSUER })).toThrow(/GATEWAY_OIDC_AUDIENCE/);
  });

  it.each([
    ['GATEWAY_OIDC_ALGORITHMS', 'none'],
    ['GATEWAY_OIDC_ALGORITHMS', 'RS256,HS256'],
    ['GATEWAY_OIDC_ROLE_MAP', 'admins=root'],
    ['GATEWAY_OIDC_ROLE_MAP', 'admin'],
    ['GATEWAY_OIDC_ROLE_MAP', '=admin'],
    ['GATEWAY_OIDC_ROLE_MAP', 'ops=admin,ops=viewer'],
    ['GATEWAY_OIDC_ISSUER', 'not a url'],
    ['GATEWAY_OIDC_JWKS_URL', 'jwks.json'],
    ['GATEWAY_OIDC_CLOCK_TOLERANCE_S', '-1'],
    ['GATEWAY_OIDC_ROLES_CLAIM', 'has space'],
  ])('refuses %s=%s at start', (key, value) => {
    expect(() => GatewayConfig.load({ [key]: value })).toThrow(new RegExp(key));
  });
});
