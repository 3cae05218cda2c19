import { Client } from 'pg';

/**
 * Where the slowest projects spent their time: the longest gaps between consecutive events of each
 * (what the project waited for), and the run's retried stage attempts by cause. For reading a
 * run's p99, not a check.
 */
export async function diagnoseSlowest(
  url: string,
  schema: string,
  ids: readonly string[],
  count = 5,
): Promise<string[]> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    const slowest = await pg.query<{ id: string; created_at: Date; ms: number }>(
      `SELECT id, created_at, extract(epoch FROM completed_at - created_at) * 1000 AS ms
       FROM ${schema}.projects WHERE id = ANY($1::uuid[]) AND completed_at IS NOT NULL
       ORDER BY completed_at - created_at DESC LIMIT $2`,
      [[...ids], count],
    );
    const lines: string[] = [];
    for (const project of slowest.rows) {
      const events = await pg.query<{ type: string; at: Date; stage: string | null }>(
        `SELECT type, created_at AS at, data->>'stage' AS stage FROM ${schema}.events
         WHERE project_id = $1 ORDER BY seq`,
        [project.id],
      );
      const gaps = events.rows.slice(1).map((event, i) => {
        const before = events.rows[i] as (typeof events.rows)[number];
        return {
          ms: event.at.getTime() - before.at.getTime(),
          text: `${label(before)} → ${label(event)}`,
        };
      });
      gaps.sort((a, b) => b.ms - a.ms);
      lines.push(
        `  …${project.id.slice(-8)} took ${(Number(project.ms) / 1000).toFixed(1)} s; longest waits: ` +
          gaps
            .slice(0, 3)
            .map((gap) => `${(gap.ms / 1000).toFixed(1)} s ${gap.text}`)
            .join('; '),
      );
    }
    const retried = await pg.query<{ cause: string | null; n: number }>(
      `SELECT coalesce(error->>'code', state) AS cause, count(*)::int AS n FROM ${schema}.tasks
       WHERE project_id = ANY($1::uuid[]) AND (attempt > 1 OR state <> 'succeeded')
       GROUP BY 1 ORDER BY 2 DESC`,
      [[...ids]],
    );
    lines.push(
      `  stage attempts other than a first success: ${
        retried.rows.map((row) => `${row.n} ${row.cause}`).join(', ') || 'none'
      }`,
    );
    return lines;
  } finally {
    await pg.end();
  }
}

const label = (event: { type: string; stage: string | null }) =>
  `${event.type.replace(/^agentbus\.workflow\./, '')}${event.stage ? ` (${event.stage})` : ''}`;
