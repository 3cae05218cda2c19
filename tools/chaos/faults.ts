import { type ChaosStack, type Replica } from './chaos-stack';

export interface FaultPlan {
  /** Service kills (SIGKILL), one every `everyMs`, cycling through a shuffled list of replicas. */
  readonly kills: number;
  readonly everyMs: number;
  /** A killed replica comes back after this long (a supervisor's restart backoff). */
  readonly restartAfterMs: number;
  /** nats-server killed -9 and restarted on the same store, after this many kills (none: -1). */
  readonly natsAfterKill: number;
  /** Postgres stopped `-m immediate` and started again, after this many kills (none: -1). */
  readonly postgresAfterKill: number;
  /** How long NATS and Postgres stay down. */
  readonly outageMs: number;
}

/** What the fault loop did, in order, with the run-relative time of each fault. */
export interface FaultLog {
  readonly entries: { readonly atMs: number; readonly what: string }[];
}

/** A seeded PRNG (mulberry32), so a run's fault order can be repeated with `--seed`. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the given random source. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

// The replicas that hold work in flight are hit first, so that even a short run kills them.
const HOLDS_WORK = new Set(['master-orchestrator', 'cpu-agent-worker', 'gateway']);

/**
 * Every replica once: first one replica of each service (those holding work in flight first), so
 * that even a short run hits every service, then the other replicas, again holding-work first.
 */
export function killOrder(replicas: readonly Replica[], random: () => number): Replica[] {
  const first = new Map<string, Replica>();
  for (const replica of shuffled(replicas, random)) {
    if (!first.has(replica.app)) first.set(replica.app, replica);
  }
  const rest = replicas.filter((r) => first.get(r.app) !== r);
  const holdingFirst = (list: readonly Replica[]) => [
    ...shuffled(
      list.filter((r) => HOLDS_WORK.has(r.app)),
      random,
    ),
    ...shuffled(
      list.filter((r) => !HOLDS_WORK.has(r.app)),
      random,
    ),
  ];
  return [...holdingFirst([...first.values()]), ...holdingFirst(rest)];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Injects the plan's faults until it is done or `isDone()` says the load has ended. Every replica
 * is hit once before any is hit twice; each killed replica is restarted after `restartAfterMs`
 * while the loop goes on. Resolves when every restart has been issued.
 */
export async function injectFaults(
  stack: ChaosStack,
  plan: FaultPlan,
  random: () => number,
  isDone: () => boolean,
): Promise<FaultLog> {
  const startedAt = performance.now();
  const entries: FaultLog['entries'] = [];
  const note = (what: string) => entries.push({ atMs: performance.now() - startedAt, what });
  const restarts: Promise<void>[] = [];
  let order: Replica[] = [];

  const serverOutage = async (kills: number): Promise<void> => {
    if (kills === plan.natsAfterKill) {
      note('nats-server killed -9');
      await stack.killNats();
      await sleep(plan.outageMs);
      await stack.startNats();
      note('nats-server restarted');
    }
    if (kills === plan.postgresAfterKill) {
      note('postgres stopped -m immediate');
      stack.postgres.crash();
      await sleep(plan.outageMs);
      stack.postgres.start();
      note('postgres started');
    }
  };

  for (let kills = 0; kills < plan.kills && !isDone(); kills += 1) {
    await sleep(plan.everyMs);
    if (isDone()) break;
    if (order.length === 0) order = killOrder(stack.replicas, random);
    const replica = order.shift() as Replica;
    await stack.kill(replica);
    note(`${replica.label} killed -9`);
    restarts.push(
      sleep(plan.restartAfterMs).then(async () => {
        await stack.restart(replica);
        note(`${replica.label} restarted`);
      }),
    );
    await serverOutage(kills + 1);
  }
  await Promise.all(restarts);
  return { entries };
}
