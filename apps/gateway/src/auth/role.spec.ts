import { isRole, ROLES, roleSatisfies } from './role';

describe(roleSatisfies.name, () => {
  // Rows: the key's role; columns: the role a route needs (viewer, requester, approver, admin).
  it.each([
    ['viewer', [true, false, false, false]],
    ['requester', [true, true, false, false]],
    ['approver', [true, true, true, false]],
    ['admin', [true, true, true, true]],
  ] as const)('a %s key may call routes up to its own role', (held, allowed) => {
    expect(ROLES.map((needed) => roleSatisfies(held, needed))).toEqual(allowed);
  });

  it('recognises only the four roles', () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
