import { booleanFromEnv, commonEnv } from '@agentbus/config';
import { SENT_ROWS, type SentRows } from '@agentbus/persistence';
import { z } from 'zod';

/** The environment every service reads, plus its HTTP port for health, metrics (and the API). */
export const serviceEnv = (defaultPort: number) =>
  ({
    ...commonEnv,
    HTTP_HOST: z.string().min(1).default('0.0.0.0'),
    HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(defaultPort),
    BUS_PROVISION: booleanFromEnv(true).describe('create/update streams and durables at start'),
    BUS_STREAM_REPLICAS: z.coerce
      .number()
      .int()
      .min(1)
      .max(5)
      .default(1)
      .describe('replicas of each stream when provisioning: 3 on a 3-node NATS cluster'),
    OUTBOX_SENT_ROWS: z
      .enum(SENT_ROWS)
      .optional()
      .describe(
        "published outbox rows: keep (marked sent until retention) or delete at once; unset: the service's default",
      ),
  }) as const;

/** The parsed common part of a service's configuration. */
export interface ServiceConfig {
  readonly NATS_URL: string;
  readonly BUS_NAMESPACE: string;
  readonly BUS_PROVISION: boolean;
  readonly BUS_STREAM_REPLICAS: number;
  readonly OUTBOX_SENT_ROWS?: SentRows | undefined;
  readonly DATABASE_URL: string;
  readonly DATABASE_SCHEMA?: string | undefined;
  readonly MIGRATIONS_RUN: boolean;
  readonly LOG_LEVEL: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  readonly OTEL_TRACES_EXPORTER?: 'none' | 'otlp' | 'console' | undefined;
  readonly OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  readonly OTEL_SERVICE_NAME?: string | undefined;
  readonly SHUTDOWN_TIMEOUT_MS: number;
  readonly HTTP_HOST: string;
  readonly HTTP_PORT: number;
}
