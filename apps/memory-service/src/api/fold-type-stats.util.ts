import { type MemoryStatsV1, PatternType } from '@agentbus/contracts';
import { type QueryResponseOf } from '@agentbus/messaging';

/** One (type, source) group of patterns as the stats query sums it. */
export interface TypeSourceRow {
  readonly type: PatternType;
  readonly patterns: number;
  readonly used: number;
  readonly retrieved: number;
  readonly successes: number;
  readonly failures: number;
  /** Sum of the group's success scores, so the mean over several groups stays exact. */
  readonly score_sum: number;
}

type TypeStats = QueryResponseOf<typeof MemoryStatsV1>['byType'][number];

/** Folds (type, source) groups into one entry per type, in the contract's order of types. */
export function foldTypeStats(rows: readonly TypeSourceRow[]): TypeStats[] {
  return PatternType.options.flatMap((type) => {
    const ofType = rows.filter((row) => row.type === type);
    const sum = (pick: (row: TypeSourceRow) => number) =>
      ofType.reduce((n, row) => n + pick(row), 0);
    const patterns = sum((row) => row.patterns);
    if (patterns === 0) return [];
    return [
      {
        type,
        patterns,
        used: sum((row) => row.used),
        retrieved: sum((row) => row.retrieved),
        successes: sum((row) => row.successes),
        failures: sum((row) => row.failures),
        meanSuccessScore: sum((row) => row.score_sum) / patterns,
      },
    ];
  });
}
