import { defineConfig } from '@agentbus/config';
import { serviceEnv } from '@agentbus/service-runtime';

/** master-orchestrator's environment, parsed once before Nest starts. */
export const OrchestratorConfig = defineConfig({
  ...serviceEnv(3001),
});
export type OrchestratorConfig = ReturnType<typeof OrchestratorConfig.load>;
