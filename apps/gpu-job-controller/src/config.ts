import { defineConfig } from '@agentbus/config';
import { serviceEnv } from '@agentbus/service-runtime';

/** gpu-job-controller's environment, parsed once before Nest starts. */
export const GpuControllerConfig = defineConfig({
  ...serviceEnv(3003),
});
export type GpuControllerConfig = ReturnType<typeof GpuControllerConfig.load>;
