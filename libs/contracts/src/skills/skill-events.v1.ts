import { z } from 'zod';
import { defineMessage, type MessageOf } from '../define-message';
import { Actor } from '../shared-schemas';
import { AgentId } from '../workflow/stages';

export const SkillName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/);

/** A skill version was installed in the registry. */
export const SkillInstalledV1 = defineMessage({
  domain: 'skills',
  version: 1,
  entity: 'skill',
  event: 'installed',
  kind: 'event',
  description: 'a skill version was installed',
  data: z.strictObject({
    name: SkillName,
    version: z.string().min(1).max(64),
    sha256: z.string().regex(/^[a-f0-9]{64}$/),
    installedBy: Actor,
  }),
});
export type SkillInstalledV1 = MessageOf<typeof SkillInstalledV1>;

/** The set of skills an agent may use changed. */
export const AllowlistChangedV1 = defineMessage({
  domain: 'skills',
  version: 1,
  entity: 'allowlist',
  event: 'changed',
  kind: 'event',
  description: 'the skills an agent may use changed',
  data: z.strictObject({ agent: AgentId, skills: z.array(SkillName).max(200), changedBy: Actor }),
});
export type AllowlistChangedV1 = MessageOf<typeof AllowlistChangedV1>;
