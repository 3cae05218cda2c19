import { isCpuTaskRequest, type Envelope, STREAMS, wireStreamName } from '@agentbus/contracts';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';

/** One checked invariant: a figure, what it must be, and whether it is. */
export interface Check {
  readonly name: string;
  readonly value: string;
  readonly expected: string;
  readonly ok: boolean;
  /** Up to a few offending rows or reasons, for the report. */
  readonly detail?: string[];
}

export interface CheckTarget {
  readonly postgresUrl: string;
  readonly natsUrl: string;
  readonly natsMonitorUrl: string;
  readonly namespace: string;
  readonly orchestratorSchema: string;
  readonly workerSchema: string;
  /** Every schema with an outbox. */
  readonly outboxSchemas: readonly string[];
  /** Project ids the run submitted. */
  readonly projectIds: readonly string[];
}

const countCheck = (name: string, rows: readonly Record<string, unknown>[]): Check => ({
  name,
  value: String(rows.length),
  expected: '0',
  ok: rows.length === 0,
  detail: rows.slice(0, 5).map((row) => JSON.stringify(row)),
});

/**
 * The durable core's promises after a run, read from Postgres and JetStream: nothing lost, nothing
 * applied or paid twice, nothing left behind. Each query returns the offending rows.
 */
export async function checkInvariants(target: CheckTarget): Promise<Check[]> {
  const pg = new Client({ connectionString: target.postgresUrl });
  await pg.connect();
  try {
    const o = target.orchestratorSchema;
    const w = target.workerSchema;
    const ids = [...target.projectIds];
    const rows = async (sql: string, params: unknown[] = []) =>
      (await pg.query<Record<string, unknown>>(sql, params)).rows;
    const checks: Check[] = [];

    const states = await rows(
      `SELECT state, count(*)::int AS n FROM ${o}.projects WHERE id = ANY($1::uuid[]) GROUP BY state`,
      [ids],
    );
    const completed = Number(states.find((row) => row['state'] === 'completed')?.['n'] ?? 0);
    checks.push({
      name: 'projects completed',
      value: `${completed}/${ids.length}`,
      expected: `${ids.length}/${ids.length}`,
      ok: completed === ids.length && ids.length > 0,
      detail: states.filter((row) => row['state'] !== 'completed').map((r) => JSON.stringify(r)),
    });
    // Structural too (a unique key on the attempt); checked for the same reason as the calls below.
    checks.push(
      countCheck(
        'artifacts written twice for one attempt',
        await rows(
          `SELECT project_id, stage, attempt, count(*)::int AS n FROM ${w}.artifacts
           GROUP BY project_id, stage, attempt HAVING count(*) > 1`,
        ),
      ),
    );
    // Structural (the table's key) — checked so that a schema change cannot drop it unnoticed.
    checks.push(
      countCheck(
        'LLM calls recorded twice for one attempt step',
        await rows(
          `SELECT project_id, stage, attempt, step FROM ${w}.llm_calls
           GROUP BY project_id, stage, attempt, step HAVING count(*) > 1`,
        ),
      ),
    );
    checks.push(
      countCheck(
        'projects charged other than their recorded calls',
        await rows(
          `SELECT p.id, p.tokens_used::bigint AS charged, COALESCE(c.tokens, 0)::bigint AS recorded
           FROM ${o}.projects p
           LEFT JOIN (SELECT project_id, sum(input_tokens + output_tokens) AS tokens
                      FROM ${w}.llm_calls GROUP BY project_id) c ON c.project_id = p.id
           WHERE p.id = ANY($1::uuid[]) AND p.tokens_used <> COALESCE(c.tokens, 0)`,
          [ids],
        ),
      ),
    );
    // A call is stale when, at the moment it started, its attempt had been superseded by a newer
    // one, had already finished, or was past its deadline.
    checks.push(
      countCheck(
        'model calls for stale attempts',
        await rows(
          `WITH calls AS (
             SELECT c.project_id, c.stage, c.attempt, c.step,
                    c.created_at - c.duration_ms * interval '1 millisecond' AS started
             FROM ${w}.llm_calls c)
           SELECT c.project_id, c.stage, c.attempt, c.step, c.started, t.deadline_at, t.finished_at
           FROM calls c JOIN ${o}.tasks t USING (project_id, stage, attempt)
           WHERE c.started > t.deadline_at
              OR (t.finished_at IS NOT NULL AND c.started > t.finished_at)
              OR EXISTS (SELECT 1 FROM ${o}.tasks n
                         WHERE n.project_id = c.project_id AND n.stage = c.stage
                           AND n.attempt > c.attempt AND n.dispatched_at < c.started)`,
        ),
      ),
    );
    const backlog: { schema: string; unsent: number }[] = [];
    for (const schema of target.outboxSchemas) {
      const [row] = await rows(
        `SELECT count(*)::int AS n FROM ${schema}.outbox WHERE sent_at IS NULL`,
      );
      backlog.push({ schema, unsent: Number(row?.['n'] ?? 0) });
    }
    // Workflow events are published from their events rows, not the outbox (migration 1766800000200).
    const [events] = await rows(`SELECT count(*)::int AS n FROM ${o}.unpublished_events`);
    backlog.push({ schema: `${o} (unpublished_events)`, unsent: Number(events?.['n'] ?? 0) });
    checks.push(
      countCheck(
        'outbox rows never published',
        backlog.filter((b) => b.unsent > 0),
      ),
    );
    checks.push(...(await streamChecks(target)));
    return checks;
  } finally {
    await pg.end();
  }
}

interface ConsumerDetail {
  readonly name: string;
  readonly num_pending: number;
  readonly num_ack_pending: number;
}
interface StreamDetail {
  readonly name: string;
  readonly state: { readonly messages: number };
  readonly consumer_detail?: readonly ConsumerDetail[];
}
interface Jsz {
  readonly account_details?: readonly { readonly stream_detail?: readonly StreamDetail[] }[];
}

/** Durables' backlog (from the monitoring endpoint), task dispatches per attempt, dead letters. */
async function streamChecks(target: CheckTarget): Promise<Check[]> {
  const response = await fetch(
    `${target.natsMonitorUrl}/jsz?accounts=true&streams=true&consumers=true`,
  );
  const jsz = (await response.json()) as Jsz;
  const prefix = `${target.namespace.toUpperCase()}_`;
  const streams = (jsz.account_details ?? [])
    .flatMap((account) => account.stream_detail ?? [])
    .filter((stream) => stream.name.startsWith(prefix));
  const stuck = streams.flatMap((stream) =>
    (stream.consumer_detail ?? [])
      .filter((c) => c.num_pending + c.num_ack_pending > 0)
      .map((c) => ({
        stream: stream.name,
        consumer: c.name,
        pending: c.num_pending,
        unacked: c.num_ack_pending,
      })),
  );
  const checks: Check[] = [countCheck('messages left unprocessed on a durable', stuck)];

  const nc = await connect({ servers: target.natsUrl, name: 'chaos-invariants' });
  try {
    const tasks = await readStream(nc, wireStreamName(target.namespace, STREAMS.task.name));
    const perAttempt = new Map<string, Set<string>>();
    for (const envelope of tasks) {
      if (!isCpuTaskRequest(envelope.type)) continue;
      const data = envelope.data as { projectId: string; stage: string; attempt: number };
      const key = `${data.projectId}/${data.stage}/${data.attempt}`;
      perAttempt.set(key, (perAttempt.get(key) ?? new Set()).add(envelope.id));
    }
    checks.push(
      countCheck(
        'stage attempts dispatched as more than one task',
        [...perAttempt]
          .filter(([, ids]) => ids.size > 1)
          .map(([key, ids]) => ({ key, tasks: ids.size })),
      ),
    );
    const dead = await readStream(nc, wireStreamName(target.namespace, STREAMS.dlq.name));
    const reasons = new Map<string, number>();
    for (const envelope of dead) {
      const data = envelope.data as { consumer: string; reason: string };
      const reason = `${data.consumer}: ${data.reason.slice(0, 120)}`;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    checks.push({
      name: 'messages dead-lettered',
      value: String(dead.length),
      expected: '0',
      ok: dead.length === 0,
      detail: [...reasons].map(([reason, n]) => `${n} × ${reason}`),
    });
    return checks;
  } finally {
    await nc.close();
  }
}

/** Every message of a stream, in order (an ordered consumer from the first). */
async function readStream(
  nc: Awaited<ReturnType<typeof connect>>,
  stream: string,
): Promise<Envelope<string, unknown>[]> {
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(stream).catch(() => undefined);
  if (!info || info.state.messages === 0) return [];
  const out: Envelope<string, unknown>[] = [];
  const messages = await (await jetstream(nc).consumers.get(stream)).consume();
  for await (const message of messages) {
    out.push(message.json<Envelope<string, unknown>>());
    if (message.seq >= info.state.last_seq) break;
  }
  messages.stop();
  return out;
}
