/** API key roles, weakest first: each role may do everything the ones before it may. */
export const ROLES = ['viewer', 'requester', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** True when `held` is at least as strong as `needed`. */
export const roleSatisfies = (held: Role, needed: Role): boolean =>
  ROLES.indexOf(held) >= ROLES.indexOf(needed);

/** Narrows a stored string to a {@link Role}. */
export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);
