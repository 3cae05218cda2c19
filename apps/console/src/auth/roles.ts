/** The gateway's roles, weakest first: a role may do everything a weaker one may. */
export const ROLES = ['viewer', 'requester', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What the console offers, with the weakest role the gateway accepts for it. */
export const ACTION_ROLES = {
  submit: 'requester',
  cancel: 'requester',
  restart: 'requester',
  decide: 'approver',
  administer: 'admin', // install skills, set agents' skills, store or delete memory patterns
} as const satisfies Record<string, Role>;
export type Action = keyof typeof ACTION_ROLES;

export const isRole = (value: unknown): value is Role =>
  (ROLES as readonly unknown[]).includes(value);

/** Whether `role` may do `action` (the console hides what it may not; the gateway refuses it too). */
export const can = (role: Role, action: Action): boolean =>
  ROLES.indexOf(role) >= ROLES.indexOf(ACTION_ROLES[action]);
