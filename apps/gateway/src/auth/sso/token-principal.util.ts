import { type JWTPayload } from 'jose';
import { v5 as uuidv5 } from 'uuid';
import { type Principal } from '../principal';
import { isRole, type Role, ROLES } from '../role';
import { type OidcSettings } from './oidc-settings';
import { InvalidTokenError } from './sso.errors';
import { WORKSPACE_PATTERN } from '../../workspaces/workspace';

// Namespace of the principal ids derived from issuer and subject (a fixed, random UUID).
const SSO_PRINCIPAL_NAMESPACE = '6f1d3c52-4b8e-4f0a-9a55-2f7c1e9b0d34';
// What the contracts' Actor allows for submittedBy / decidedBy.
const MAX_NAME_LENGTH = 200;

/**
 * The principal a verified token stands for: named by its `email` (unless `email_verified` is
 * false) or else its `sub`; with the strongest role its roles claim maps to; and, as `keyId`, a
 * UUID derived from issuer and subject (its workspaces from the configured claim, else the
 * default), stable across tokens so per-caller records (such as
 * Idempotency-Keys) follow the person rather than the token. Throws {@link InvalidTokenError}.
 */
export function tokenPrincipal(claims: JWTPayload, settings: OidcSettings): Principal {
  const { sub } = claims;
  if (typeof sub !== 'string' || sub === '') {
    throw new InvalidTokenError('The token has no "sub" claim.');
  }
  const email = claims['email'];
  const verified = claims['email_verified'] !== false;
  const name = typeof email === 'string' && email !== '' && verified ? email : sub;
  if (name.length > MAX_NAME_LENGTH) {
    throw new InvalidTokenError(
      `The token's subject is longer than ${MAX_NAME_LENGTH} characters.`,
    );
  }
  const keyId = uuidv5(`${settings.issuer}\n${sub}`, SSO_PRINCIPAL_NAMESPACE);
  return {
    keyId,
    name,
    role: strongestRole(claims, settings),
    workspaces: tokenWorkspaces(claims, settings),
  };
}

function strongestRole(claims: JWTPayload, settings: OidcSettings): Role {
  const claim = settings.rolesClaim;
  const values = claimValues(claimAt(claims, claim));
  if (values === undefined) {
    throw new InvalidTokenError(
      `The token has no "${claim}" claim (a string or strings) to map to a role.`,
    );
  }
  const roles = values.flatMap((value) => {
    const role = settings.roleMap.size === 0 ? value : settings.roleMap.get(value);
    return isRole(role) ? [role] : [];
  });
  if (roles.length === 0) {
    throw new InvalidTokenError(`The token's "${claim}" claim maps to no role of this gateway.`);
  }
  return ROLES[Math.max(...roles.map((role) => ROLES.indexOf(role)))] as Role;
}

// A token never makes an operator: `*` and values that are not workspace ids are left out, and a
// token naming none is in the default workspace.
function tokenWorkspaces(claims: JWTPayload, settings: OidcSettings): readonly string[] {
  const claim = settings.workspacesClaim;
  const values = claim === undefined ? undefined : claimValues(claimAt(claims, claim));
  const workspaces = [...new Set(values ?? [])].filter((value) => WORKSPACE_PATTERN.test(value));
  return workspaces.length > 0 ? workspaces : [settings.defaultWorkspace];
}

// The claim by its literal name first (`https://example.com/roles` has dots of its own), else
// by a dotted path into nested objects (`realm_access.roles`).
function claimAt(claims: JWTPayload, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let node: unknown = claims;
  for (const step of name.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, step)) return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return node;
}

// A string is a space-separated list (as `scope` is); an array must hold strings only.
function claimValues(value: unknown): readonly string[] | undefined {
  if (typeof value === 'string') return value.split(' ').filter((item) => item !== '');
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value as string[];
  }
  return undefined;
}
