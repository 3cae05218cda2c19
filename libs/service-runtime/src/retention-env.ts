import { z } from 'zod';

/** Days a table keeps rows of a finished project; 0 keeps them forever. */
export const keepDays = (what: string, days: number) =>
  z.coerce
    .number()
    .int()
    .min(0)
    .max(36_500)
    .default(days)
    .describe(`days ${what} of finished projects are kept (0: forever)`);

/** How often and in what steps a service with per-project tables prunes them. */
export const retentionEnv = {
  RETENTION_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(600_000)
    .describe('how often the retention of finished projects runs (every replica; they share)'),
  RETENTION_BATCH_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(1_000)
    .describe('rows per DELETE when pruning: bounds each transaction and its locks'),
} as const;
