import { z } from 'zod';
import { defineQuery } from '../define-query';
import { SkillName } from '../skills/skill-events.v1';
import { AgentId } from '../workflow/stages';

/** The skills an agent may use, with their prompt text, answered by the skills-registry. */
export const SkillsResolveV1 = defineQuery({
  version: 1,
  entity: 'skills',
  verb: 'resolve',
  description: "list an agent's allowed skills with their prompts",
  request: z.strictObject({ agent: AgentId }),
  response: z.strictObject({
    skills: z.array(
      z.strictObject({
        name: SkillName,
        version: z.string(),
        prompt: z.string().max(100_000),
        capabilities: z.array(z.string()),
      }),
    ),
  }),
});
