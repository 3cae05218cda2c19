import { existsSync, readFileSync } from 'node:fs';
import { eventually, startStack, type Stack, testNamespace } from '@agentbus/testing';

const FLOOD = 4_000;
const CLIENTS = 100;
const LIMIT = 60;

/** Resident memory of a process in MiB, from /proc (Linux). */
const rssMiB = (pid: number | undefined): number => {
  if (pid === undefined || !existsSync(`/proc/${pid}/status`)) return NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
};

/**
 * A flood of submissions against a system limited to LIMIT active projects: each is accepted or
 * refused cleanly with 503, Retry-After and a problem naming the limit; memory stays bounded; and
 * every accepted project runs to completion.
 */
describe('overload: a flood of submissions', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(testNamespace(), {
      gateway: { GATEWAY_MAX_ACTIVE_PROJECTS: String(LIMIT), GATEWAY_OVERLOAD_RETRY_AFTER_S: '2' },
    });
  }, 120_000);

  afterAll(() => stack?.stop());

  it('accepts up to the limit, refuses the rest with 503 + Retry-After, completes every accepted project', async () => {
    const gateway = stack.apps.get('gateway');
    const orchestrator = stack.apps.get('master-orchestrator');
    const statuses = new Map<number, number>();
    const accepted: string[] = [];
    const badRefusals: string[] = [];
    let peakGateway = 0;
    let peakOrchestrator = 0;
    const sampler = setInterval(() => {
      peakGateway = Math.max(peakGateway, rssMiB(gateway?.process.pid));
      peakOrchestrator = Math.max(peakOrchestrator, rssMiB(orchestrator?.process.pid));
    }, 250);
    const rssBefore = rssMiB(gateway?.process.pid);
    const startedAt = performance.now();
    let next = 0;
    const client = async (): Promise<void> => {
      for (let i = next++; i < FLOOD; i = next++) {
        const response = await fetch(`${stack.gatewayUrl}/v1/projects`, {
          method: 'POST',
          // Keyed, as careful clients send them: admission must not starve the connection pool
          // while CLIENTS keyed submissions hold transactions (a deadlock an earlier version had).
          headers: {
            authorization: `Bearer ${stack.apiKey}`,
            'content-type': 'application/json',
            'idempotency-key': `flood-${i}`,
          },
          body: JSON.stringify({
            name: `flood ${i}`,
            requirements: `Flood project ${i}: a small note-taking app with tags and search.`,
            options: { gates: { prd_approval: false, delivery_approval: false } },
          }),
        });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const body = (await response.json()) as { id?: string; type?: string; limit?: number };
        if (response.status === 202 && body.id) accepted.push(body.id);
        if (response.status === 503) {
          const clean =
            response.headers.get('retry-after') === '2' &&
            response.headers.get('content-type')?.startsWith('application/problem+json') &&
            body.type?.endsWith(':overloaded') &&
            body.limit === LIMIT;
          if (!clean) badRefusals.push(JSON.stringify(body));
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: CLIENTS }, client));
    } finally {
      clearInterval(sampler);
    }
    const floodS = (performance.now() - startedAt) / 1000;
    console.info(
      `flood: ${FLOOD} submissions in ${floodS.toFixed(1)} s (${(FLOOD / floodS).toFixed(0)}/s), ` +
        `answers ${JSON.stringify(Object.fromEntries(statuses))}; gateway RSS ${rssBefore.toFixed(0)} → ` +
        `peak ${peakGateway.toFixed(0)} MiB, orchestrator peak ${peakOrchestrator.toFixed(0)} MiB`,
    );
    // Both still running (a NaN peak would mean one died mid-flood).
    expect(gateway?.process.exit).toBeUndefined();
    expect(orchestrator?.process.exit).toBeUndefined();
    expect([...statuses.keys()].sort()).toEqual([202, 503]);
    expect(badRefusals).toEqual([]);
    expect(accepted.length).toBeGreaterThanOrEqual(LIMIT);
    expect(accepted.length).toBeLessThan(FLOOD / 4);
    // Bounded: refusals hold nothing; the gateway does not grow with the number of requests.
    expect(peakGateway).toBeLessThan(rssBefore + 150);

    const ids = accepted;
    await eventually(
      async () => {
        const { rows } = await stack.pg.query<{ state: string; n: number }>(
          `SELECT state, count(*)::int AS n FROM ${stack.schemaOf('master-orchestrator')}.projects
           WHERE id = ANY($1::uuid[]) GROUP BY state`,
          [ids],
        );
        const completed = rows.find((row) => row.state === 'completed')?.n ?? 0;
        if (completed !== ids.length) {
          throw new Error(`completed ${completed}/${ids.length}: ${JSON.stringify(rows)}`);
        }
      },
      { timeoutMs: 240_000, intervalMs: 1_000 },
    );
  }, 420_000);
});
