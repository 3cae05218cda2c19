import { type MemoryStatsV1, PatternType } from '@agentbus/contracts';
import { type QueryResponseOf } from '@agentbus/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { foldTypeStats } from './fold-type-stats.util';

type MemoryStats = QueryResponseOf<typeof MemoryStatsV1>;

const countBySource = (rows: readonly { source: string; patterns: number }[]) => {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.source] = (counts[row.source] ?? 0) + row.patterns;
  return counts;
};

const Counts = z.record(z.string(), z.number().int());

const TypeRowSchema = z.object({
  type: PatternType,
  source: z.string(),
  patterns: z.number().int(),
  used: z.number().int(),
  retrieved: z.coerce.number().int(),
  successes: z.coerce.number().int(),
  failures: z.coerce.number().int(),
  score_sum: z.coerce.number(),
  unindexed: z.number().int(),
});

const RetentionRow = z.object({
  runs: z.number().int(),
  archived: z.number().int(),
  removed: Counts.nullable(),
  last_ran_at: z.coerce.date().nullable(),
  last_archived: Counts.nullable(),
  last_kept: Counts.nullable(),
});

// One pass over the table; the counts are kept on each row (PatternRepository.recordOutcome). The
// score is successScore() of @agentbus/memory, (s + 1) / (s + f + 2), summed so the mean is exact.
const BY_TYPE_AND_SOURCE = `
  SELECT type, source, count(*)::int AS patterns,
         count(*) FILTER (WHERE retrieved_count > 0)::int AS used,
         COALESCE(sum(retrieved_count), 0) AS retrieved,
         COALESCE(sum(successes), 0) AS successes, COALESCE(sum(failures), 0) AS failures,
         COALESCE(sum((successes + 1)::float8 / (successes + failures + 2)), 0) AS score_sum,
         count(*) FILTER (WHERE indexed_embedder IS NULL)::int AS unindexed
  FROM patterns GROUP BY type, source`;

const RETENTION = `
  SELECT (SELECT count(*)::int FROM retention_runs) AS runs,
         (SELECT count(*)::int FROM pattern_archive) AS archived,
         (SELECT jsonb_object_agg(type, n) FROM (
            SELECT key AS type, sum(value::int)::int AS n
            FROM retention_runs, jsonb_each_text(archived) GROUP BY key) totals) AS removed,
         last.ran_at AS last_ran_at, last.archived AS last_archived, last.kept AS last_kept
  FROM (SELECT 1) one
  LEFT JOIN LATERAL (
    SELECT ran_at, archived, kept FROM retention_runs ORDER BY ran_at DESC, id DESC LIMIT 1
  ) last ON true`;

/** What memory holds, how it is used and what retention did, read in two queries. */
@Injectable()
export class MemoryStatsReader {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async read(): Promise<MemoryStats> {
    const rows = z.array(TypeRowSchema).parse(await this.db.query(BY_TYPE_AND_SOURCE));
    const retention = RetentionRow.parse((await this.db.query(RETENTION))[0]);
    return {
      patterns: rows.reduce((n, row) => n + row.patterns, 0),
      bySource: countBySource(rows),
      byType: foldTypeStats(rows),
      unindexed: rows.reduce((n, row) => n + row.unindexed, 0),
      retention: {
        runs: retention.runs,
        removed: retention.removed ?? {},
        archived: retention.archived,
        lastRun:
          retention.last_ran_at === null
            ? null
            : {
                ranAt: retention.last_ran_at.toISOString(),
                removed: retention.last_archived ?? {},
                kept: retention.last_kept ?? {},
              },
      },
    };
  }
}
