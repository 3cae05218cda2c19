import { defineConfig } from '@agentbus/config';
import { serviceEnv } from '@agentbus/service-runtime';

/** gateway's environment, parsed once before Nest starts. */
export const GatewayConfig = defineConfig({
  ...serviceEnv(3000),
});
export type GatewayConfig = ReturnType<typeof GatewayConfig.load>;
