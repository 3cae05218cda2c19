/** The gateway's roles, weakest first: a role may do everything a weaker one may. */
export const ROLES = ['viewer', 'requester', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What the console offers, with the weakest role the gateway accepts for it. */
export const ACTION_ROLES = {
  submit: 'requester',
  cancel: 'requester',
  restart: 'requester',
  decide: 'approver',
} as const satisfies Record<string, Role>;
export type Action = keyof typeof ACTION_ROLES;

export const isRole = (value: unknown): value is Role =>
  (ROLES as readonly unknown[]).includes(value);

/** Whether `role` may do `action` (the console hides what it may not; the gateway refuses it too). */
export const can = (role: Role, action: Action): boolean =>
  ROLES.indexOf(role) >= ROLES.indexOf(ACTION_ROLES[action]);

/**
 * The role of a key from the answer to `GET /v1/api-keys` (admin only): 200 means admin; the 403
 * says which role the key has ("…the key "ci" has approver."). Undefined: not a role answer (401:
 * the key is unknown; anything else: try again). The gateway has no who-am-I route yet.
 */
export function roleFromProbe(status: number, body: unknown): Role | undefined {
  if (status === 200) return 'admin';
  if (status !== 403 || typeof body !== 'object' || body === null) return undefined;
  const detail = (body as Record<string, unknown>)['detail'];
  const named = typeof detail === 'string' ? /\bhas (\w+)\.?\s*$/.exec(detail)?.[1] : undefined;
  return isRole(named) ? named : undefined;
}
