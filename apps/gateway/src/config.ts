import { defineConfig } from '@agentbus/config';
import { serviceEnv } from '@agentbus/service-runtime';
import { z } from 'zod';

const schemaName = (fallback: string) =>
  z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,55}$/, 'lower-case letters, digits and _ only')
    .default(fallback);

// What a browser sends as `Origin`: scheme, host and port, without path or trailing slash.
const isOrigin = (value: string): boolean => URL.canParse(value) && new URL(value).origin === value;

/** gateway's environment, parsed once before Nest starts. */
export const GatewayConfig = defineConfig({
  ...serviceEnv(3000),
  ORCHESTRATOR_SCHEMA: schemaName('orchestrator').describe(
    'schema of the orchestrator tables the gateway reads (projects, stages, approvals, events)',
  ),
  WORKER_SCHEMA: schemaName('cpu_worker').describe(
    'schema of the CPU worker tables the gateway reads (artifacts, llm_calls)',
  ),
  GATEWAY_ADMIN_API_KEY: z
    .string()
    .min(24, 'use at least 24 characters')
    .max(200)
    .optional()
    .describe('sensitive'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim()))
    .transform((origins) => origins.filter((origin) => origin !== ''))
    .refine(
      (origins) => origins.every(isOrigin),
      'each must be an origin like https://app.example.com',
    )
    .describe('comma-separated origins allowed by CORS; empty (the default) turns CORS off'),
  GATEWAY_MAX_ACTIVE_PROJECTS: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .default(2_000)
    .describe(
      'queued + running projects (all replicas) beyond which submissions get 503 + Retry-After; 0: no limit',
    ),
  GATEWAY_OVERLOAD_RETRY_AFTER_S: z.coerce.number().int().min(1).max(3_600).default(5),
  GATEWAY_KEY_ROTATION_GRACE_S: z.coerce
    .number()
    .int()
    .min(0)
    .max(2_592_000)
    .default(86_400)
    .describe(
      "how long a rotated API key's old secret keeps working (a rotation may ask for less or more: graceSeconds)",
    ),
  HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().min(1_024).max(8_388_608).default(1_048_576),
  SSE_POLL_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(600_000)
    .default(200)
    .describe(
      'SSE followers poll at this interval only while the events LISTEN connection is down',
    ),
  SSE_LISTEN_RECONNECT_MS: z.coerce.number().int().min(10).max(600_000).default(2_000),
  SSE_KEEPALIVE_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
});
export type GatewayConfig = ReturnType<typeof GatewayConfig.load>;

/** Injection token of the parsed {@link GatewayConfig}. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
