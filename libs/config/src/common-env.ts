import { z } from 'zod';

/** Parses "true"/"false"/"1"/"0" from the environment (z.coerce.boolean treats "false" as true). */
export const booleanFromEnv = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

/** Variables every service reads: the bus, the database, logs, telemetry and its HTTP port. */
export const commonEnv = {
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  BUS_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9_]*$/, 'lowercase letters, digits and _ only')
    .default('')
    .describe('prefix for streams and subjects; empty in production, set per test run'),
  DATABASE_URL: z
    .string()
    .url()
    .default('postgres://postgres@127.0.0.1:5432/postgres')
    .describe('sensitive'),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .optional(),
  MIGRATIONS_RUN: booleanFromEnv(true),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  // Read by instrument.ts before this config (observability's telemetryOptionsFromEnv); declared
  // here so a bad value fails the start by name, and so deploy values are checked against them.
  OTEL_TRACES_EXPORTER: z
    .enum(['none', 'otlp', 'console'])
    .optional()
    .describe('traces exporter; default otlp when an OTLP endpoint is set, else none'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .union([z.literal(''), z.string().url()])
    .optional()
    .describe('OTLP/HTTP base URL, e.g. http://otel-collector:4318; setting it turns traces on'),
  OTEL_SERVICE_NAME: z.string().min(1).optional().describe('service.name; default the app name'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(8_000),
} as const;
