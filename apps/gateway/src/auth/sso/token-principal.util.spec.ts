import { type JWTPayload } from 'jose';
import { type Role } from '../role';
import { type OidcSettings } from './oidc-settings';
import { InvalidTokenError } from './sso.errors';
import { tokenPrincipal } from './token-principal.util';

const settings = (more: Partial<OidcSettings> = {}): OidcSettings => ({
  issuer: 'https://idp.example.com',
  audiences: ['agent-bus'],
  jwksUrl: undefined,
  algorithms: ['RS256'],
  rolesClaim: 'groups',
  roleMap: new Map<string, Role>([
    ['readers', 'viewer'],
    ['reviewers', 'approver'],
    ['ops', 'admin'],
  ]),
  workspacesClaim: 'agentbus.workspaces',
  defaultWorkspace: 'default',
  clockToleranceS: 30,
  jwksCooldownS: 30,
  ...more,
});

describe(tokenPrincipal.name, () => {
  it.each<[string, JWTPayload, Partial<OidcSettings>, Role]>([
    ['one mapped group', { sub: 's', groups: ['readers'] }, {}, 'viewer'],
    ['the strongest of several', { sub: 's', groups: ['ops', 'readers', 'x'] }, {}, 'admin'],
    ['a space-separated string', { sub: 's', groups: 'x reviewers  readers' }, {}, 'approver'],
    [
      'a nested claim',
      { sub: 's', realm_access: { roles: ['reviewers'] } },
      { rolesClaim: 'realm_access.roles' },
      'approver',
    ],
    [
      'a claim whose name has dots',
      { sub: 's', 'https://agentbus.example/roles': ['ops'] },
      { rolesClaim: 'https://agentbus.example/roles' },
      'admin',
    ],
    [
      'role names themselves when no map is set',
      { sub: 's', groups: ['requester', 'readers'] },
      { roleMap: new Map() },
      'requester',
    ],
  ])('maps %s', (_, claims, more, role) => {
    expect(tokenPrincipal(claims, settings(more)).role).toBe(role);
  });

  it.each<[string, JWTPayload, Partial<OidcSettings>, RegExp]>([
    ['no roles claim', { sub: 's' }, {}, /no "groups" claim/],
    ['a roles claim of numbers', { sub: 's', groups: [1, 2] }, {}, /no "groups" claim/],
    ['a roles claim mixing types', { sub: 's', groups: ['ops', 3] }, {}, /no "groups" claim/],
    ['only unmapped values', { sub: 's', groups: ['staff'] }, {}, /maps to no role/],
    [
      'a role name when a map is set (only the map counts)',
      { sub: 's', groups: ['admin'] },
      {},
      /maps to no role/,
    ],
    [
      'a path through a non-object',
      { sub: 's', realm_access: 'x' },
      { rolesClaim: 'realm_access.roles' },
      /no/,
    ],
    ['no sub', { groups: ['ops'] }, {}, /"sub"/],
    ['a name longer than an actor may be', { sub: 'x'.repeat(201), groups: ['ops'] }, {}, /longer/],
  ])('refuses %s', (_, claims, more, why) => {
    const attempt = () => tokenPrincipal(claims, settings(more));
    expect(attempt).toThrow(InvalidTokenError);
    expect(attempt).toThrow(why);
  });

  it('names the principal by email, or by sub when the email is not verified', () => {
    const claims = { sub: 's-1', email: 'ann@example.com', groups: ['ops'] };
    expect(tokenPrincipal(claims, settings()).name).toBe('ann@example.com');
    expect(tokenPrincipal({ ...claims, email_verified: false }, settings()).name).toBe('s-1');
    expect(tokenPrincipal({ sub: 's-1', groups: ['ops'] }, settings()).name).toBe('s-1');
  });

  it('gives one stable id per issuer and subject, never an API key id', () => {
    const id = (sub: string, issuer = 'https://idp.example.com') =>
      tokenPrincipal({ sub, groups: ['ops'] }, settings({ issuer })).keyId;
    expect(id('a')).toBe(id('a'));
    expect(id('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5/); // uuid v5; keys are v7
    expect(id('b')).not.toBe(id('a'));
    expect(id('a', 'https://other.example.com')).not.toBe(id('a'));
  });

  describe('workspaces', () => {
    const principal = (claims: JWTPayload, more: Partial<OidcSettings> = {}) =>
      tokenPrincipal({ sub: 's', groups: ['readers'], ...claims }, settings(more));

    it('come from the configured claim', () => {
      expect(principal({ agentbus: { workspaces: ['team-a', 'team-b'] } }).workspaces).toEqual([
        'team-a',
        'team-b',
      ]);
      expect(principal({ agentbus: { workspaces: 'team-a' } }).workspaces).toEqual(['team-a']);
    });

    it('never make an operator, and leave out what is not a workspace id', () => {
      expect(principal({ agentbus: { workspaces: ['*', 'Team A', 'ok'] } }).workspaces).toEqual([
        'ok',
      ]);
    });

    it('are the configured default when the token names none or no claim is configured', () => {
      expect(principal({}, { defaultWorkspace: 'staff' }).workspaces).toEqual(['staff']);
      expect(principal({ agentbus: { workspaces: ['*'] } }).workspaces).toEqual(['default']);
      expect(
        principal({ agentbus: { workspaces: ['team-a'] } }, { workspacesClaim: undefined })
          .workspaces,
      ).toEqual(['default']);
    });
  });
});
