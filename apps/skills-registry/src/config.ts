import { booleanFromEnv, defineConfig } from '@agentbus/config';
import { AgentId } from '@agentbus/contracts';
import { serviceEnv } from '@agentbus/service-runtime';
import { z } from 'zod';

const list = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

/** skills-registry's environment, parsed once before Nest starts. */
export const SkillsConfig = defineConfig({
  ...serviceEnv(3005),
  SKILLS_MAX_ARCHIVE_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(768_000)
    .default(512_000)
    .describe(
      'largest upload as sent (it travels in one NATS message, 1 MB by default, as base64)',
    ),
  SKILLS_MAX_TOTAL_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(64_000_000)
    .default(2_097_152)
    .describe('largest skill once unpacked (stops zip bombs)'),
  SKILLS_MAX_FILES: z.coerce.number().int().min(1).max(10_000).default(64),
  SKILLS_MAX_FILE_BYTES: z.coerce.number().int().min(1_024).max(16_000_000).default(262_144),
  SKILLS_NEW_SKILL_AGENTS: list(AgentId).describe(
    'comma-separated agents a newly installed skill is allowed to (default: none)',
  ),
  SKILLS_INSTALL_SHIPPED: booleanFromEnv(true).describe(
    'install the shipped skills and their default allowlist at start (idempotent)',
  ),
  SKILLS_GIT_HOSTS: list(
    z
      .string()
      .transform((host) => host.toLowerCase())
      .pipe(z.string().regex(/^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?$/)),
  ).describe(
    'comma-separated hosts (host or host:port) skills may be installed from by https git URL; empty: git install is off',
  ),
  SKILLS_GIT_ALLOW_FILE_URLS: booleanFromEnv(false).describe(
    'also install from file:// git repositories on this machine (tests and local development only, never in production)',
  ),
  SKILLS_GIT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(600_000)
    .default(30_000)
    .describe('a git clone that takes longer is killed and the install refused'),
});
export type SkillsConfig = ReturnType<typeof SkillsConfig.load>;
