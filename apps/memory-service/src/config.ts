import { defineConfig } from '@agentbus/config';
import { serviceEnv } from '@agentbus/service-runtime';
import { z } from 'zod';

/** memory-service's environment, parsed once before Nest starts. */
export const MemoryConfig = defineConfig({
  ...serviceEnv(3004),
  CHROMA_URL: z.string().url().default('http://127.0.0.1:8000'),
});
export type MemoryConfig = ReturnType<typeof MemoryConfig.load>;
