import { AgentId } from '@agentbus/contracts';
import { z } from 'zod';
import { parseSkillRule, SKILL_RULE_HELP } from './skill-rule';

const Rule = z
  .string()
  .max(200)
  .refine((text) => parseSkillRule(text) !== undefined, {
    message: `must be ${SKILL_RULE_HELP}`,
  });

/** One agent's rules as stored and as the YAML document holds them. */
export const Allowlist = z.strictObject({
  allow: z.array(Rule).max(200).default([]),
  deny: z.array(Rule).max(200).default([]),
});

const Mapping = z.strictObject({
  capability: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  skill: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
  priority: z.number().int().min(-1_000).max(1_000),
});

/** The YAML document the permissions export writes and the import reads. */
export const PermissionsDocument = z.strictObject({
  agents: z.partialRecord(AgentId, Allowlist).default({}),
  capabilities: z.array(Mapping).max(1_000).default([]),
});
export type PermissionsDocument = z.output<typeof PermissionsDocument>;
