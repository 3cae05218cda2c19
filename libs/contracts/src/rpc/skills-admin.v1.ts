import { z } from 'zod';
import { defineQuery } from '../define-query';
import { Actor } from '../shared-schemas';
import { SkillName } from '../skills/skill-events.v1';
import { AgentId } from '../workflow/stages';

const Version = z.string().min(1).max(64);

/** One installed version of a skill, as the registry lists it. */
export const SkillVersionSummary = z.strictObject({
  version: Version,
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  description: z.string(),
  author: z.string(),
  license: z.string(),
  capabilities: z.array(z.string()),
  compatibleAgents: z.array(z.string()),
  tags: z.array(z.string()),
  files: z.number().int().nonnegative(),
  sizeBytes: z.number().int().nonnegative(),
  source: z.string(),
  installedBy: Actor,
  installedAt: z.string(),
});

/** A skill with its versions, newest first. */
export const SkillSummary = z.strictObject({
  name: SkillName,
  latest: Version,
  versions: z.array(SkillVersionSummary),
});

/** Every installed skill, answered by the skills-registry. */
export const SkillsListV1 = defineQuery({
  version: 1,
  entity: 'skills',
  verb: 'list',
  description: 'list installed skills with their versions',
  request: z.strictObject({}),
  response: z.strictObject({ skills: z.array(SkillSummary).max(10_000) }),
});

/** One skill with its versions and files; error code `not-found` when it is not installed. */
export const SkillsGetV1 = defineQuery({
  version: 1,
  entity: 'skills',
  verb: 'get',
  description: 'one installed skill with its versions and files',
  request: z.strictObject({ name: SkillName }),
  response: SkillSummary.extend({
    files: z.array(
      z.strictObject({
        version: Version,
        path: z.string(),
        sha256: z.string(),
        sizeBytes: z.number().int(),
      }),
    ),
    agents: z.array(AgentId),
  }),
});

/**
 * Installs a `.tgz`, `.tar` or `.zip` skill archive (base64; the registry's size limit applies).
 * Error codes name the refusal (`unsafe-path`, `link`, `too-large`, `invalid-manifest`,
 * `version-exists`, `version-downgrade`, …); nothing is changed then.
 */
export const SkillsInstallV1 = defineQuery({
  version: 1,
  entity: 'skills',
  verb: 'install',
  description: 'install a skill archive',
  request: z.strictObject({
    archiveBase64: z
      .string()
      .min(4)
      .max(1_000_000)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/),
    installedBy: Actor,
  }),
  response: z.strictObject({
    status: z.enum(['installed', 'unchanged']),
    name: SkillName,
    version: Version,
    sha256: z.string(),
    files: z.number().int(),
  }),
});

/** Uninstalls one version, or all when none is given; error code `not-found` when none matched. */
export const SkillsUninstallV1 = defineQuery({
  version: 1,
  entity: 'skills',
  verb: 'uninstall',
  description: 'uninstall a skill version (or every version)',
  request: z.strictObject({ name: SkillName, version: Version.optional(), uninstalledBy: Actor }),
  response: z.strictObject({ name: SkillName, versions: z.array(Version) }),
});

/** An agent's rules and what they resolve to now. */
export const AgentAllowlist = z.strictObject({
  agent: AgentId,
  allow: z.array(z.string().max(200)).max(200),
  deny: z.array(z.string().max(200)).max(200),
  skills: z.array(z.strictObject({ name: SkillName, version: Version })),
});

/** The skills allowlist of one agent. */
export const AllowlistGetV1 = defineQuery({
  version: 1,
  entity: 'allowlist',
  verb: 'get',
  description: "an agent's skill allowlist and what it resolves to",
  request: z.strictObject({ agent: AgentId }),
  response: AgentAllowlist,
});

/** Replaces an agent's allowlist; error code `invalid-permissions` names each bad rule. */
export const AllowlistPutV1 = defineQuery({
  version: 1,
  entity: 'allowlist',
  verb: 'put',
  description: "replace an agent's skill allowlist",
  request: z.strictObject({
    agent: AgentId,
    allow: z.array(z.string().max(200)).max(200),
    deny: z.array(z.string().max(200)).max(200),
    changedBy: Actor,
  }),
  response: AgentAllowlist,
});
