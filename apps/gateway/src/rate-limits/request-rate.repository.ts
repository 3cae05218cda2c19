import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { PreparedStatements } from '../database/prepared-statements';
import { type KeyLimits } from './key-limits';
import { type RateStep } from './rate-limit-status.util';

// One statement, one round trip: the principal's limits (its key's overrides, else the defaults),
// then a GCRA step on its row by the database clock. The upsert locks the row, so concurrent
// requests from every replica are judged one after the other; a refused request leaves the arrival
// time as it was. SET expressions read the row as it was before the update.
const STEP_SQL = `
WITH policy AS (
  SELECT COALESCE(k.rate_per_minute, $2::int) AS per_minute,
         COALESCE(k.rate_burst, $3::int) AS burst,
         (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS now_us
  FROM (VALUES (1)) AS one LEFT JOIN api_keys k ON k.id = $1::uuid
), step AS (
  INSERT INTO rate_limits AS r (principal_id, tat_us, seen_us, interval_us, burst, allowed)
  SELECT $1::uuid, now_us + i, now_us, i, burst, true
  FROM policy, LATERAL (SELECT GREATEST(1, round(60000000.0 / per_minute))::bigint AS i) AS c
  WHERE per_minute > 0
  ON CONFLICT (principal_id) DO UPDATE SET
    allowed = GREATEST(r.tat_us, EXCLUDED.seen_us) - EXCLUDED.seen_us
      <= (EXCLUDED.burst - 1) * EXCLUDED.interval_us,
    tat_us = CASE
      WHEN GREATEST(r.tat_us, EXCLUDED.seen_us) - EXCLUDED.seen_us
        <= (EXCLUDED.burst - 1) * EXCLUDED.interval_us
      THEN GREATEST(r.tat_us, EXCLUDED.seen_us) + EXCLUDED.interval_us
      ELSE r.tat_us END,
    seen_us = EXCLUDED.seen_us,
    interval_us = EXCLUDED.interval_us,
    burst = EXCLUDED.burst
  RETURNING allowed, tat_us, seen_us, interval_us, burst
)
SELECT step.allowed, step.tat_us, step.seen_us, step.interval_us, step.burst
FROM policy LEFT JOIN step ON true`;

// bigint columns arrive as strings; microseconds since 1970 stay below 2^53 for millennia.
const StepRow = z.object({
  allowed: z.boolean().nullable(),
  tat_us: z.coerce.number().nullable(),
  seen_us: z.coerce.number().nullable(),
  interval_us: z.coerce.number().nullable(),
  burst: z.number().int().nullable(),
});

/** `rate_limits` (gateway schema): one GCRA state per principal, shared by every replica. */
@Injectable()
export class RequestRateRepository {
  constructor(private readonly prepared: PreparedStatements) {}

  /** Counts one request of the principal; `undefined` when its rate is unlimited (0). */
  async step(principalId: string, defaults: KeyLimits): Promise<RateStep | undefined> {
    const rows = await this.prepared.query<Record<string, unknown>>(STEP_SQL, [
      principalId,
      defaults.requestsPerMinute,
      defaults.burst,
    ]);
    const row = StepRow.parse(rows[0]);
    if (
      row.allowed === null ||
      row.tat_us === null ||
      row.seen_us === null ||
      row.interval_us === null ||
      row.burst === null
    ) {
      return undefined;
    }
    return {
      allowed: row.allowed,
      tatUs: row.tat_us,
      nowUs: row.seen_us,
      intervalUs: row.interval_us,
      burst: row.burst,
    };
  }
}
