import { STAGE_IDS } from '@agentbus/contracts';
import { type Client } from 'pg';

/**
 * `count` projects as the orchestrator writes them, straight into its tables: each with every
 * stage (half done, one running), an open gate, token usage and a few events. Returns their ids.
 */
export async function seedProjects(pg: Client, schema: string, count: number): Promise<string[]> {
  const { rows } = await pg.query<{ id: string }>(
    `INSERT INTO "${schema}".projects
       (id, name, requirements, options, state, submitted_by, budget, tokens_used, cost_usd, created_at)
     SELECT gen_random_uuid(), 'Bench project ' || n, 'Requirements of project ' || n,
            '{"gates":{"prd_approval":true,"delivery_approval":false}}', 'running', 'bench',
            '{"maxTokens":1000000,"maxCostUsd":25}', 1000 * n, 0.01 * n,
            now() - n * interval '1 second'
     FROM generate_series(1, $1::int) AS n
     RETURNING id`,
    [count],
  );
  const ids = rows.map((row) => row.id);
  await pg.query(
    `INSERT INTO "${schema}".stages (project_id, stage, state, attempt, started_at, finished_at, artifact)
     SELECT p.id, s.stage,
            CASE WHEN s.n <= 5 THEN 'succeeded' WHEN s.n = 6 THEN 'running' ELSE 'pending' END,
            CASE WHEN s.n <= 6 THEN 1 ELSE 0 END,
            CASE WHEN s.n <= 6 THEN now() END, CASE WHEN s.n <= 5 THEN now() END,
            CASE WHEN s.n <= 5 THEN jsonb_build_object('id', gen_random_uuid(), 'version', 1,
              'sha256', repeat('a', 64), 'format', 'markdown') END
     FROM unnest($1::uuid[]) AS p(id)
     CROSS JOIN unnest($2::text[]) WITH ORDINALITY AS s(stage, n)`,
    [ids, [...STAGE_IDS]],
  );
  await pg.query(
    `INSERT INTO "${schema}".approvals (id, project_id, gate, attempt, stage, state)
     SELECT gen_random_uuid(), id, 'prd_approval', 1, 'prd', 'open' FROM unnest($1::uuid[]) AS p(id)`,
    [ids],
  );
  await pg.query(
    `INSERT INTO "${schema}".events (id, project_id, type, data)
     SELECT gen_random_uuid(), p.id, 'agentbus.workflow.v1.stage.completed',
            jsonb_build_object('projectId', p.id, 'stage', s.stage)
     FROM unnest($1::uuid[]) AS p(id) CROSS JOIN unnest($2::text[]) AS s(stage)`,
    [ids, [...STAGE_IDS].slice(0, 5)],
  );
  return ids;
}
