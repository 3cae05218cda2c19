import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { PreparedStatements } from '../database/prepared-statements';
import { intervalUsOf, type RateStep } from './rate-limit-status.util';

// One statement, one round trip: a GCRA step on the principal's row by the database clock. The
// upsert locks the row, so concurrent requests from every replica are judged one after the other;
// a refused request leaves the arrival time as it was. SET expressions read the row as it was
// before the update; EXCLUDED holds this request's time, interval and burst.
const STEP_SQL = `
WITH now AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS us)
INSERT INTO rate_limits AS r (principal_id, tat_us, seen_us, interval_us, burst, allowed)
SELECT $1::uuid, now.us + $2::bigint, now.us, $2::bigint, $3::int, true FROM now
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
RETURNING allowed, tat_us, seen_us, interval_us, burst`;

// bigint columns arrive as strings; microseconds since 1970 stay below 2^53 for millennia.
const StepRow = z.object({
  allowed: z.boolean(),
  tat_us: z.coerce.number(),
  seen_us: z.coerce.number(),
  interval_us: z.coerce.number(),
  burst: z.number().int(),
});

/** A request rate: `perMinute` above 0, refilling a bucket of `burst`. */
export interface RatePolicy {
  readonly perMinute: number;
  readonly burst: number;
}

/** `rate_limits` (gateway schema): one GCRA state per principal, shared by every replica. */
@Injectable()
export class RequestRateRepository {
  constructor(private readonly prepared: PreparedStatements) {}

  /** Counts one request of the principal against `policy`. */
  async step(principalId: string, policy: RatePolicy): Promise<RateStep> {
    const rows = await this.prepared.query<Record<string, unknown>>(STEP_SQL, [
      principalId,
      intervalUsOf(policy.perMinute),
      policy.burst,
    ]);
    const row = StepRow.parse(rows[0]);
    return {
      allowed: row.allowed,
      tatUs: row.tat_us,
      nowUs: row.seen_us,
      intervalUs: row.interval_us,
      burst: row.burst,
    };
  }
}
