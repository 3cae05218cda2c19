import { z } from 'zod';
import { defineQuery } from '../define-query';
import { Actor } from '../shared-schemas';
import { SkillName } from '../skills/skill-events.v1';

/**
 * Installs a skill from a git repository (shallow clone of one ref, no hooks) on a host the
 * registry's SKILLS_GIT_HOSTS allows. Error codes: `git-disabled` (no host allowed),
 * `git-host-refused`, `git-url-refused` (credentials, scheme), `git-failed`, then the archive
 * install's codes; nothing is changed on a refusal.
 */
export const SkillsInstallGitV1 = defineQuery({
  version: 1,
  entity: 'skills',
  verb: 'install-git',
  description: 'install a skill from a git URL on an allowed host',
  request: z.strictObject({
    url: z.string().min(1).max(2_000),
    /** A branch or tag; the remote's default branch when absent. */
    ref: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/)
      .optional(),
    installedBy: Actor,
  }),
  response: z.strictObject({
    status: z.enum(['installed', 'unchanged']),
    name: SkillName,
    version: z.string().min(1).max(64),
    sha256: z.string().regex(/^[a-f0-9]{64}$/),
    files: z.number().int(),
    commit: z.string().regex(/^[a-f0-9]{40,64}$/),
  }),
});
