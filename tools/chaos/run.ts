import { randomBytes } from 'node:crypto';
import { testNamespace } from '@agentbus/testing';
import { Client } from 'pg';
import { percentile } from '../bench/workflow/task-stream';
import { ChaosStack } from './chaos-stack';
import { drive } from './driver';
import { type FaultLog, type FaultPlan, injectFaults, seededRandom } from './faults';
import { diagnoseSlowest } from './diagnose';
import { type Check, checkInvariants } from './invariants';

export interface ChaosOptions {
  readonly projects: number;
  readonly concurrency: number;
  /** Replicas of each service but the worker pool. */
  readonly replicas: number;
  readonly workers: number;
  /** Offline model latency per call: long enough that kills land mid-task. */
  readonly latencyMs: number;
  /** Undefined: the no-fault pass the fault pass is compared with. */
  readonly faults: FaultPlan | undefined;
  readonly seed: number;
  readonly timeoutS: number;
  /** How long the invariants may take to settle (relays, redeliveries) after the last project. */
  readonly settleS: number;
  readonly log: (line: string) => void;
}

export interface ChaosResult {
  readonly checks: Check[];
  readonly faults: FaultLog;
  readonly projectMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly wallMs: number;
  readonly submitErrors: string[];
  /** Where the slowest projects waited (see {@link diagnoseSlowest}). */
  readonly slowest: string[];
  readonly stack: {
    readonly postgresUrl: string;
    readonly namespace: string;
    readonly workerSchema: string;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One chaos pass on a stack of its own: N projects at concurrency C while the fault plan runs, then
 * the invariants, re-read until they hold or `settleS` has passed (an outbox or a redelivery may
 * still be catching up). `keep` leaves the stack running for the caller, who must stop it.
 */
export async function runChaos(
  options: ChaosOptions,
  keep?: (stack: ChaosStack) => Promise<void>,
): Promise<ChaosResult> {
  const namespace = testNamespace();
  options.log(`starting a private NATS, Postgres and the six services (namespace ${namespace})`);
  const stack = await ChaosStack.start({
    namespace,
    replicas: options.replicas,
    workers: options.workers,
    workerEnv: { LLM_OFFLINE_LATENCY_MS: String(options.latencyMs) },
  });
  // Interrupted (Ctrl-C, a CI timeout): stop what the run started, or its servers outlive it.
  const interrupted = (signal: NodeJS.Signals) => {
    options.log(`${signal}: stopping the stack`);
    void stack.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    let loadDone = false;
    const random = seededRandom(options.seed);
    const faults = options.faults
      ? injectFaults(stack, options.faults, random, () => loadDone)
      : Promise.resolve({ entries: [] });
    const logged = new Set<number>();
    const result = await drive(stack, {
      projects: options.projects,
      concurrency: options.concurrency,
      timeoutS: options.timeoutS,
      runId: randomBytes(4).toString('hex'),
      onProgress: (done, total) => {
        const decile = Math.floor((done * 10) / total);
        if (!logged.has(decile)) options.log(`${done}/${total} projects ended`);
        logged.add(decile);
      },
    }).finally(() => {
      loadDone = true;
    });
    const faultLog = await faults;
    for (const replica of stack.replicas.filter((r) => r.crashes > 0)) {
      options.log(
        `  ${replica.label} exited by itself ${replica.crashes}x; restarted as a supervisor would`,
      );
    }
    if (result.submitErrors.length > 0) logGateways(stack, options.log);
    for (const entry of faultLog.entries) {
      options.log(`  fault at ${(entry.atMs / 1000).toFixed(1)} s: ${entry.what}`);
    }
    const target = {
      postgresUrl: stack.postgres.url,
      natsUrl: stack.natsUrl,
      natsMonitorUrl: `http://127.0.0.1:${stack.natsMonitorPort}`,
      namespace,
      orchestratorSchema: stack.schemaOf('master-orchestrator'),
      workerSchema: stack.schemaOf('cpu-agent-worker'),
      outboxSchemas: [
        stack.schemaOf('master-orchestrator'),
        stack.schemaOf('cpu-agent-worker'),
        stack.schemaOf('gateway'),
      ],
      projectIds: [...result.ends.keys()],
    };
    let checks = await checkInvariants(target);
    const settleUntil = performance.now() + options.settleS * 1000;
    while (checks.some((check) => !check.ok) && performance.now() < settleUntil) {
      await sleep(1000);
      checks = await checkInvariants(target);
    }
    checks.push(...faultChecks(options.faults, faultLog), submitCheck(result.submitErrors));
    const projectMs = await projectTimes(
      stack.postgres.url,
      target.orchestratorSchema,
      target.projectIds,
    );
    const slowest = await diagnoseSlowest(
      stack.postgres.url,
      target.orchestratorSchema,
      target.projectIds,
    );
    const out: ChaosResult = {
      checks,
      slowest,
      faults: faultLog,
      projectMs,
      wallMs: result.wallMs,
      submitErrors: result.submitErrors,
      stack: { postgresUrl: stack.postgres.url, namespace, workerSchema: target.workerSchema },
    };
    if (keep) await keep(stack);
    return out;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await stack.stop();
  }
}

/** Where each gateway stood when submissions went unanswered, with its last lines of output. */
function logGateways(stack: ChaosStack, log: (line: string) => void): void {
  for (const replica of stack.replicas.filter((r) => r.app === 'gateway')) {
    const { process } = replica.running;
    const state = process.exit
      ? `exited (code ${process.exit.code}, signal ${process.exit.signal})`
      : replica.ready
        ? 'ready'
        : 'running, not ready';
    const tail = process.output().trimEnd().split('\n').slice(-20).join('\n');
    log(`${replica.label} at ${replica.running.url}: ${state}, killed ${replica.kills}x\n${tail}`);
  }
}

/** Every planned fault landed while the load ran (a run that ends first proves nothing). */
function faultChecks(plan: FaultPlan | undefined, log: FaultLog): Check[] {
  if (!plan) return [];
  const kills = log.entries.filter(
    (e) => e.what.endsWith('killed -9') && !e.what.startsWith('nats'),
  ).length;
  const outages = log.entries.filter(
    (e) => e.what.startsWith('nats-server killed') || e.what.startsWith('postgres stopped'),
  ).length;
  const plannedOutages = [plan.natsAfterKill, plan.postgresAfterKill].filter(
    (k) => k > 0 && k <= plan.kills,
  ).length;
  return [
    {
      name: 'planned faults injected during the load',
      value: `${kills} kills, ${outages} server outages`,
      expected: `${plan.kills} kills, ${plannedOutages} server outages`,
      ok: kills === plan.kills && outages === plannedOutages,
    },
  ];
}

function submitCheck(errors: readonly string[]): Check {
  return {
    name: 'submissions refused or lost',
    value: String(errors.length),
    expected: '0',
    ok: errors.length === 0,
    detail: errors.slice(0, 5),
  };
}

/** Submission → completion per project, from the orchestrator's own timestamps. */
async function projectTimes(url: string, schema: string, ids: readonly string[]) {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ ms: number }>(
      `SELECT extract(epoch FROM completed_at - created_at) * 1000 AS ms FROM ${schema}.projects
       WHERE id = ANY($1::uuid[]) AND completed_at IS NOT NULL ORDER BY 1`,
      [[...ids]],
    );
    const ms = rows.map((row) => Number(row.ms));
    return { p50: percentile(ms, 50), p99: percentile(ms, 99), max: ms[ms.length - 1] ?? NaN };
  } finally {
    await pg.end();
  }
}
