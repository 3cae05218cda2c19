/** A skill version a task's prompt carried. */
export interface SkillVersion {
  readonly name: string;
  readonly version: string;
}

/** What an artifact records about skills (the `skills` column): which were used, or why none. */
export type SkillsUsed =
  | {
      readonly status: 'resolved';
      readonly skills: readonly SkillVersion[];
      /** Allowed, but left out: their prompts did not fit the skills budget. */
      readonly overBudget?: readonly SkillVersion[];
    }
  | {
      readonly status: 'registry-unavailable';
      readonly reason: string;
      readonly skills: readonly [];
    };
