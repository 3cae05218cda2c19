import { defineConfig } from '@agentbus/config';
import { serviceEnv } from '@agentbus/service-runtime';

/** cpu-agent-worker's environment, parsed once before Nest starts. */
export const CpuWorkerConfig = defineConfig({
  ...serviceEnv(3002),
});
export type CpuWorkerConfig = ReturnType<typeof CpuWorkerConfig.load>;
