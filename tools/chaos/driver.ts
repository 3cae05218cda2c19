import { Pool } from 'pg';
import { type ChaosStack } from './chaos-stack';

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const POLL_MS = 250;

export interface DriveOptions {
  readonly projects: number;
  readonly concurrency: number;
  readonly timeoutS: number;
  /** Makes every submission's Idempotency-Key unique to this run. */
  readonly runId: string;
  readonly onProgress?: (done: number, total: number) => void;
}

/** How each submitted project ended (or `undefined` when the run timed out first). */
export interface DriveResult {
  readonly ends: Map<string, string | undefined>;
  readonly submitErrors: string[];
  readonly wallMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drives N projects through the API, C at a time, as a patient client would while services die:
 * a submission is retried with the same Idempotency-Key until the gateway answers it, every open
 * gate is approved as soon as it is seen, and a project counts once it reaches a final state. State
 * is read from the orchestrator's read models, which survive any service's death.
 */
export async function drive(stack: ChaosStack, options: DriveOptions): Promise<DriveResult> {
  const startedAt = performance.now();
  const deadline = startedAt + options.timeoutS * 1000;
  const pool = new Pool({ connectionString: stack.postgres.url, max: 2 });
  // A crashed Postgres ends idle connections with an error; the pool replaces them.
  pool.on('error', () => undefined);
  const orchestrator = stack.schemaOf('master-orchestrator');
  const states = new Map<string, string>();
  const approving = new Set<string>();
  const submitErrors: string[] = [];
  let stopped = false;

  const poll = async (): Promise<void> => {
    while (!stopped) {
      try {
        const projects = await pool.query<{ id: string; state: string }>(
          `SELECT id, state FROM ${orchestrator}.projects_v1`,
        );
        for (const { id, state } of projects.rows) states.set(id, state);
        const open = await pool.query<{ project_id: string; gate: string; attempt: number }>(
          `SELECT project_id, gate, attempt FROM ${orchestrator}.approvals_v1 WHERE state = 'open'`,
        );
        for (const gate of open.rows) void approve(stack, gate, approving);
      } catch {
        // Postgres is down or restarting: the next poll tries again.
      }
      await sleep(POLL_MS);
    }
  };
  const poller = poll();

  const ends = new Map<string, string | undefined>();
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let index = next++; index < options.projects; index = next++) {
      const id = await submit(
        stack,
        `chaos-${options.runId}-${index}`,
        index,
        deadline,
        submitErrors,
      );
      if (id === undefined) continue;
      ends.set(id, undefined);
      while (performance.now() < deadline && !TERMINAL.has(states.get(id) ?? '')) {
        await sleep(POLL_MS);
      }
      ends.set(id, states.get(id));
      options.onProgress?.(
        [...ends.values()].filter((s) => s !== undefined).length,
        options.projects,
      );
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.min(options.concurrency, options.projects) }, lane),
    );
  } finally {
    stopped = true;
    await poller;
    await pool.end();
  }
  return { ends, submitErrors, wallMs: performance.now() - startedAt };
}

/** Submits until the gateway answers 201/200 (a retried key returns the same project). */
async function submit(
  stack: ChaosStack,
  key: string,
  index: number,
  deadline: number,
  errors: string[],
): Promise<string | undefined> {
  const body = JSON.stringify({
    name: `chaos ${index}`,
    requirements:
      `Project ${index}: a booking service for community sports halls with payments, ` +
      'waiting lists, reminders and an admin dashboard for utilisation.',
  });
  // The last answer, so a submission that never got in says why (a 503 naming a dependency, a
  // refused connection to a dead gateway, …).
  let last = 'no answer';
  while (performance.now() < deadline) {
    const url = stack.gatewayUrl();
    try {
      const response = await fetch(`${url}/v1/projects`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${stack.apiKey}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (response.ok) return ((await response.json()) as { id: string }).id;
      const text = await response.text();
      // 5xx and 429 are the service saying "not now"; anything else is this client's bug.
      if (response.status < 500 && response.status !== 429) {
        errors.push(`${key}: ${response.status} ${text.slice(0, 300)}`);
        return undefined;
      }
      last = `${url} answered ${response.status} ${text.slice(0, 200)}`;
      await sleep(retryAfterMs(response) ?? 500);
    } catch (error) {
      // The gateway is down or restarting.
      last = `${url}: ${error instanceof Error ? (error.cause ?? error).toString() : String(error)}`;
      await sleep(500);
    }
  }
  errors.push(`${key}: not accepted before the run's timeout (last: ${last})`);
  return undefined;
}

function retryAfterMs(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 5) * 1000 : undefined;
}

async function approve(
  stack: ChaosStack,
  gate: { project_id: string; gate: string; attempt: number },
  approving: Set<string>,
): Promise<void> {
  const key = `${gate.project_id}/${gate.gate}/${gate.attempt}`;
  if (approving.has(key)) return;
  approving.add(key);
  try {
    await fetch(`${stack.gatewayUrl()}/v1/projects/${gate.project_id}/approvals/${gate.gate}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve', attempt: gate.attempt }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    // The gateway is down: the gate is still open at the next poll and tried again.
  } finally {
    approving.delete(key);
  }
}
