import { type ProjectState } from '@agentbus/contracts';
import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { z } from 'zod';
import { ReadModelTables } from '../read-model/read-model.tables';

const FINISHED = ['completed', 'failed', 'cancelled'] satisfies ProjectState[];

// Any 32-bit constant; names the advisory locks of this quota among others on the database.
const LOCK_CLASS = 0x51_f1_17_00;

const CountRow = z.object({ quota: z.number().int(), in_flight: z.number().int() });

/** A principal's projects not yet finished, and how many it may have. */
export interface InFlight {
  readonly count: number;
  /** 0: no limit. */
  readonly limit: number;
}

/** Counts a principal's unfinished projects from `submissions` and the orchestrator's projects. */
@Injectable()
export class ProjectsInFlightRepository {
  private readonly countSql: string;

  constructor(tables: ReadModelTables) {
    // Unfinished: the project exists and is not finished, or it does not exist yet (the
    // orchestrator has not created it; a day back, as admission counts: older ones were
    // dead-lettered). The count is skipped when the quota is off.
    this.countSql = `
      SELECT quota, CASE WHEN quota = 0 THEN 0 ELSE (
        SELECT count(*)::int FROM submissions s LEFT JOIN ${tables.projects} p ON p.id = s.id
        WHERE s.principal_id = $1::uuid
          AND (p.state NOT IN (${FINISHED.map((state) => `'${state}'`).join(', ')})
               OR (p.id IS NULL AND s.created_at > now() - interval '1 day'))
      ) END AS in_flight
      FROM (SELECT COALESCE(k.projects_in_flight, $2::int) AS quota
            FROM (VALUES (1)) AS one LEFT JOIN api_keys k ON k.id = $1::uuid) AS q`;
  }

  /**
   * Locks the principal's submissions until `tx` ends, then counts. The lock orders concurrent
   * submissions of one principal on every replica; the count is a statement after it, so it sees
   * what the one before committed.
   */
  async lockAndCount(tx: EntityManager, principalId: string, quota: number): Promise<InFlight> {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, principalId]);
    const rows: unknown[] = await tx.query(this.countSql, [principalId, quota]);
    const row = CountRow.parse(rows[0]);
    return { count: row.in_flight, limit: row.quota };
  }
}
