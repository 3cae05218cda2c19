import { AppLogger } from '@agentbus/observability';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MEMORY_SETTINGS, type MemorySettings } from '../patterns/memory.settings';
import { PatternsService } from '../patterns/patterns.service';
import { retentionCutoffs } from './retention-policy';

/** What one retention pass did: patterns archived and patterns kept, by type. */
export interface RetentionRun {
  readonly archived: Record<string, number>;
  readonly kept: Record<string, number>;
}

const countByType = (rows: readonly { type: string; n: number }[]): Record<string, number> =>
  Object.fromEntries(rows.map((row) => [row.type, row.n]));

/**
 * Applies the retention policy every MEMORY_RETENTION_INTERVAL_MS: in one transaction per pass,
 * expired patterns (by source: last use, or creation, older than its days) are copied to
 * `pattern_archive` and deleted, and the pass is recorded in `retention_runs` with what was
 * archived and kept. Their vectors go after the commit. Replicas may run at once: a row is deleted
 * (and archived) by one of them.
 */
@Injectable()
export class PatternRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly patterns: PatternsService,
    @Inject(MEMORY_SETTINGS) private readonly settings: MemorySettings,
    private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.runOnce(new Date()).catch((error: unknown) =>
        this.logger.pino.warn({ err: error }, 'retention pass failed; next pass retries'),
      );
    }, this.settings.retentionIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async runOnce(now: Date): Promise<RetentionRun> {
    const cutoffs = retentionCutoffs(this.settings.retention, now);
    const { ids, run } = await this.db.transaction(async (tx) => {
      const gone: { id: string; type: string }[] = [];
      for (const { source, before } of cutoffs) {
        gone.push(
          ...((await tx.query(
            `WITH expired AS (
               DELETE FROM patterns
               WHERE source = $1 AND COALESCE(last_used_at, created_at) < $2
               RETURNING *
             ), archived AS (
               INSERT INTO pattern_archive (id, type, source, text, metadata, project_id,
                 retrieved_count, created_at, last_used_at, archived_at, reason)
               SELECT id, type, source, text, metadata, project_id, retrieved_count, created_at,
                 last_used_at, $3, $4 FROM expired
             )
             SELECT id, type FROM expired`,
            [source, before, now, `retention: ${source} unused since ${before.toISOString()}`],
          )) as { id: string; type: string }[]),
        );
      }
      const archived: Record<string, number> = {};
      for (const { type } of gone) archived[type] = (archived[type] ?? 0) + 1;
      const kept = countByType(
        await tx.query(`SELECT type, count(*)::int AS n FROM patterns GROUP BY type`),
      );
      await tx.query(`INSERT INTO retention_runs (ran_at, archived, kept) VALUES ($1, $2, $3)`, [
        now,
        JSON.stringify(archived),
        JSON.stringify(kept),
      ]);
      return { ids: gone.map((row) => row.id), run: { archived, kept } };
    });
    await this.patterns.dropVectors(ids);
    this.logger.pino.info(run, 'retention pass done');
    return run;
  }
}
