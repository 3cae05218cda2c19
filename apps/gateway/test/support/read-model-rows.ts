import { createHash, randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { type Gateway } from './gateway-harness';

// Rows as the orchestrator and the CPU worker would write them; the gateway only reads these.

export interface ProjectSpec {
  readonly id?: string;
  readonly name?: string;
  readonly state?: string;
  readonly budget?: object | null;
  readonly tokensUsed?: number;
  readonly costUsd?: number;
  readonly createdAt?: string;
}

/** An orchestrator `projects` row; returns its id. */
export async function givenProject(gw: Gateway, spec: ProjectSpec = {}): Promise<string> {
  const id = spec.id ?? uuidv7();
  await gw.sql.query(
    `INSERT INTO "${gw.schemas.orchestrator}".projects
       (id, name, requirements, options, state, submitted_by, budget, tokens_used, cost_usd, created_at)
     VALUES ($1, $2, 'reqs', '{"gates":{"prd_approval":true,"delivery_approval":false}}', $3, 'test-requester',
             $4, $5, $6, coalesce($7::timestamptz, now()))`,
    [
      id,
      spec.name ?? 'A project',
      spec.state ?? 'running',
      spec.budget ?? null,
      spec.tokensUsed ?? 0,
      spec.costUsd ?? 0,
      spec.createdAt ?? null,
    ],
  );
  return id;
}

/** Moves a project to a new state, as the orchestrator does (version and updated_at change). */
export async function givenProjectState(gw: Gateway, id: string, state: string): Promise<void> {
  await gw.sql.query(
    `UPDATE "${gw.schemas.orchestrator}".projects
     SET state = $2, version = version + 1, updated_at = clock_timestamp() WHERE id = $1`,
    [id, state],
  );
}

export async function givenStage(
  gw: Gateway,
  projectId: string,
  spec: { stage: string; state: string; attempt?: number; artifactVersion?: number; ran?: boolean },
): Promise<void> {
  const artifact =
    spec.artifactVersion === undefined
      ? null
      : {
          id: randomUUID(),
          version: spec.artifactVersion,
          sha256: 'a'.repeat(64),
          format: 'markdown',
        };
  await gw.sql.query(
    `INSERT INTO "${gw.schemas.orchestrator}".stages (project_id, stage, state, attempt, artifact, started_at, finished_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      projectId,
      spec.stage,
      spec.state,
      spec.attempt ?? 1,
      artifact,
      spec.ran ? '2025-11-27T10:00:00Z' : null,
      spec.ran ? '2025-11-27T10:00:05Z' : null,
    ],
  );
}

/** An `approvals` row; returns its id. */
export async function givenApproval(
  gw: Gateway,
  projectId: string,
  spec: { gate: string; attempt?: number; state?: string; decision?: string; decidedBy?: string },
): Promise<string> {
  const id = randomUUID();
  await gw.sql.query(
    `INSERT INTO "${gw.schemas.orchestrator}".approvals (id, project_id, gate, attempt, stage, state, decision, decided_by)
     VALUES ($1, $2, $3, $4, 'prd', $5, $6, $7)`,
    [
      id,
      projectId,
      spec.gate,
      spec.attempt ?? 1,
      spec.state ?? 'open',
      spec.decision ?? null,
      spec.decidedBy ?? null,
    ],
  );
  return id;
}

/** Closes an approval as the orchestrator does when it applies a decision. */
export async function givenDecided(
  gw: Gateway,
  approvalId: string,
  decision: string,
): Promise<void> {
  await gw.sql.query(
    `UPDATE "${gw.schemas.orchestrator}".approvals
     SET state = 'decided', decision = $2, decided_by = 'test-approver', decided_at = now() WHERE id = $1`,
    [approvalId, decision],
  );
}

export async function givenArtifact(
  gw: Gateway,
  projectId: string,
  spec: {
    stage: string;
    version: number;
    format: 'json' | 'markdown';
    body: string;
    /** Default now(); set it where order matters (the API compares times in milliseconds). */
    createdAt?: Date;
  },
): Promise<void> {
  await gw.sql.query(
    `INSERT INTO "${gw.schemas.worker}".artifacts
       (id, project_id, stage, version, attempt, format, body, sha256, size_bytes, agent, provider, model,
        created_at)
     VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, 'prd', 'offline', 'offline-1', COALESCE($9, now()))`,
    [
      randomUUID(),
      projectId,
      spec.stage,
      spec.version,
      spec.format,
      spec.body,
      createHash('sha256').update(spec.body).digest('hex'),
      Buffer.byteLength(spec.body),
      spec.createdAt ?? null,
    ],
  );
}

export async function givenLlmCall(
  gw: Gateway,
  projectId: string,
  spec: {
    stage: string;
    attempt?: number;
    step?: number;
    inputTokens: number;
    outputTokens: number;
    costUsd: number;
    cacheReadTokens?: number;
    cacheWriteTokens?: number;
    createdAt?: string;
  },
): Promise<void> {
  await gw.sql.query(
    `INSERT INTO "${gw.schemas.worker}".llm_calls
       (project_id, stage, attempt, step, agent, provider, model, response, input_tokens, output_tokens, cost_usd, duration_ms,
        cache_read_tokens, cache_write_tokens, created_at)
     VALUES ($1, $2, $3, $4, 'prd', 'offline', 'offline-1', '{}', $5, $6, $7, 10, $8, $9, coalesce($10::timestamptz, now()))`,
    [
      projectId,
      spec.stage,
      spec.attempt ?? 1,
      spec.step ?? 1,
      spec.inputTokens,
      spec.outputTokens,
      spec.costUsd,
      spec.cacheReadTokens ?? 0,
      spec.cacheWriteTokens ?? 0,
      spec.createdAt ?? null,
    ],
  );
}

/** An `events` row (the orchestrator writes one per workflow event); returns its seq. */
export async function givenEvent(
  gw: Gateway,
  projectId: string,
  type: string,
  data: object = {},
): Promise<number> {
  const { rows } = await gw.sql.query<{ seq: string }>(
    `INSERT INTO "${gw.schemas.orchestrator}".events (id, project_id, type, data) VALUES ($1, $2, $3, $4) RETURNING seq`,
    [randomUUID(), projectId, `agentbus.workflow.v1.${type}`, { projectId, ...data }],
  );
  return Number(rows[0]?.seq);
}
