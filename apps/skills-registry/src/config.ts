import { defineConfig } from '@agentbus/config';
import { serviceEnv } from '@agentbus/service-runtime';

/** skills-registry's environment, parsed once before Nest starts. */
export const SkillsConfig = defineConfig({
  ...serviceEnv(3005),
});
export type SkillsConfig = ReturnType<typeof SkillsConfig.load>;
