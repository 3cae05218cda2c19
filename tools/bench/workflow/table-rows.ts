import { Client } from 'pg';
import { sleep } from './pool';

/** Rows inserted, updated (of them HOT) and deleted per `schema.table` since the server started. */
export type RowCounts = ReadonlyMap<string, { ins: number; upd: number; hot: number; del: number }>;

// Postgres 15 backends flush their table counters when idle at most every 10 s (PGSTAT_IDLE_INTERVAL):
// wait that long after the load, or the last seconds' writes are missing.
const STATS_FLUSH_MS = 11_000;

/** The bench's tables (schemas starting with the namespace) as pg_stat_user_tables counts them. */
export async function rowCounts(postgresUrl: string, namespace: string): Promise<RowCounts> {
  const pg = new Client({ connectionString: postgresUrl });
  await pg.connect();
  try {
    const { rows } = await pg.query<{
      name: string;
      ins: string;
      upd: string;
      hot: string;
      del: string;
    }>(
      `SELECT schemaname || '.' || relname AS name, n_tup_ins AS ins, n_tup_upd AS upd,
              n_tup_hot_upd AS hot, n_tup_del AS del
       FROM pg_stat_user_tables WHERE schemaname LIKE $1`,
      [`${namespace}\\_%`],
    );
    return new Map(
      rows.map((r) => [
        r.name.slice(namespace.length + 1),
        { ins: Number(r.ins), upd: Number(r.upd), hot: Number(r.hot), del: Number(r.del) },
      ]),
    );
  } finally {
    await pg.end();
  }
}

/** Counts after the load, once the backends have flushed what they wrote. */
export async function rowCountsAfterFlush(postgresUrl: string, namespace: string) {
  await sleep(STATS_FLUSH_MS);
  return rowCounts(postgresUrl, namespace);
}

/** Rows written (inserted + updated + deleted) per stage transition, per table, largest first. */
export function rowLines(before: RowCounts, after: RowCounts, stages: number): string[] {
  const written = [...after].map(([name, a]) => {
    const b = before.get(name) ?? { ins: 0, upd: 0, hot: 0, del: 0 };
    const d = { ins: a.ins - b.ins, upd: a.upd - b.upd, hot: a.hot - b.hot, del: a.del - b.del };
    return { name, ...d, total: d.ins + d.upd + d.del };
  });
  const active = written.filter((w) => w.total > 0).sort((x, y) => y.total - x.total);
  const per = (n: number): string => (n / stages).toFixed(2).padStart(8);
  const sum = active.reduce((total, w) => total + w.total, 0);
  return [
    `  rows written per stage transition (pg_stat_user_tables, ${stages} transitions): ${(sum / stages).toFixed(2)}`,
    `    ${'table'.padEnd(44)}${'ins'.padStart(8)}${'upd'.padStart(8)}${'(hot)'.padStart(8)}${'del'.padStart(8)}`,
    ...active.map(
      (w) => `    ${w.name.padEnd(44)}${per(w.ins)}${per(w.upd)}${per(w.hot)}${per(w.del)}`,
    ),
  ];
}
