// What the messages and statements of one stage transition cost in CPU on this machine, measured one
// primitive at a time (client and server), and the CPU floor per transition they add up to: the
// least a design that crosses processes this way can spend, before any of its own work. Compares it
// with the CPU a throughput target leaves per transition on the machine's cores. See README.md.
//
//   npm run bench:cpu-floor -- [--iterations 3000] [--target-projects-s 60] [--window 50]
//   (needs NATS_URL and DATABASE_URL: eval "$(tools/scripts/dev-services.sh start)")
import '../messaging/register-paths';
import { availableParallelism } from 'node:os';
import { randomUUID } from 'node:crypto';
import { AckPolicy, jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { natsUrl, postgresUrl, testNamespace } from '@agentbus/testing';
import { Pool } from 'pg';
import { CLOCK_TICKS, cpuTicksOf, pidsNamed } from './proc-cpu';

const STAGES_PER_PROJECT = 12;

/** CPU ms of one primitive: this (client) process, and the server processes it woke. */
interface PrimitiveCost {
  readonly client: number;
  readonly server: number;
}

const total = (cost: PrimitiveCost): number => cost.client + cost.server;

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`--${name} must be a positive number (got ${process.argv[at + 1]})`);
  }
  return value;
}

const serverMs = (name: string): number =>
  (pidsNamed(name).reduce((sum, pid) => sum + cpuTicksOf(pid), 0) * 1000) / CLOCK_TICKS;

/** Runs `step` for 0..n-1, at most `window` at a time (in order when 1). */
async function runWindowed(
  n: number,
  window: number,
  step: (i: number) => Promise<unknown>,
  offset = 0,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < n) await step(offset + next++);
  };
  await Promise.all(Array.from({ length: Math.min(window, n) }, lane));
}

/**
 * Runs `step` n times, `window` in flight (1: in sequence); CPU per step of this process and of
 * the named server. With a window, clients and servers can batch: writes coalesce into fewer
 * syscalls and Postgres flushes several commits' WAL at once, as they do under the bench's load.
 */
async function measure(
  server: string,
  n: number,
  step: (i: number) => Promise<unknown>,
  window = 1,
): Promise<PrimitiveCost> {
  await runWindowed(Math.min(200, n), window, step, -1_000_000); // warm-up
  const client0 = process.cpuUsage();
  const server0 = serverMs(server);
  await runWindowed(n, window, step);
  const client = process.cpuUsage(client0);
  return {
    client: (client.user + client.system) / 1000 / n,
    server: (serverMs(server) - server0) / n,
  };
}

async function natsPrimitives(n: number, namespace: string, window: number) {
  const nc = await connect({ servers: (await natsUrl()).split(','), name: 'bench-cpu-floor' });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const stream = `${namespace.toUpperCase()}_CPU_FLOOR`;
  const subject = `${namespace}.cpu-floor`;
  // About an envelope carrying an artifact reference: what a task or a result message is.
  const payload = new TextEncoder().encode(JSON.stringify({ data: 'x'.repeat(600) }));
  try {
    await jsm.streams.add({ name: stream, subjects: [`${subject}.>`], storage: StorageType.File });
    const publish = await measure(
      'nats-server',
      n,
      (i) => js.publish(`${subject}.m`, payload, { msgID: `${namespace}-${window}-${i}` }),
      window,
    );
    await jsm.consumers.add(stream, { durable_name: 'floor', ack_policy: AckPolicy.Explicit });
    const consumer = await js.consumers.get(stream, 'floor');
    // Delivered in pulls of 8 (the worker pool's slots) and acknowledged one by one, each ack
    // confirmed (ackAck), as the services do; the n messages published above are waiting. With a
    // window, up to that many confirmed acks are outstanding while the next messages are read.
    const messages = await consumer.consume({ max_messages: Math.max(8, window) });
    const delivered = messages[Symbol.asyncIterator]();
    const acks = new Set<Promise<unknown>>();
    const consume = await measure('nats-server', n, async () => {
      const next = await delivered.next();
      if (next.done) throw new Error('the floor stream ran dry: fewer messages than iterations');
      const ack = next.value.ackAck().finally(() => acks.delete(ack));
      acks.add(ack);
      if (acks.size >= window) await Promise.race(acks);
    });
    await Promise.all(acks);
    messages.stop(); // close() would wait for the iterator to drain
    const responder = nc.subscribe(`${subject}.rpc`, {
      callback: (_error, message) => {
        message.respond(payload);
      },
    });
    const request = await measure(
      'nats-server',
      n,
      () => nc.request(`${subject}.rpc`, payload, { timeout: 5_000 }),
      window,
    );
    responder.unsubscribe();
    return { publish, consume, request };
  } finally {
    await jsm.streams.delete(stream).catch(() => false);
    await nc.close();
  }
}

// Connections a windowed run spreads its transactions over (a service's pool holds about this many).
const POOL_SIZE = 10;

async function postgresPrimitives(n: number, namespace: string, window: number) {
  const pool = new Pool({
    connectionString: await postgresUrl(),
    max: Math.min(window, POOL_SIZE),
  });
  const table = `${namespace}_cpu_floor_${window}`;
  try {
    await pool.query(`CREATE TABLE ${table} (id uuid PRIMARY KEY, body jsonb NOT NULL)`);
    const body = JSON.stringify({ data: 'x'.repeat(600) });
    const read = await measure('postgres', n, () => pool.query('SELECT 1'), window);
    // One round trip carrying a whole transaction (BEGIN, an insert, COMMIT with its WAL flush).
    const commit = await measure(
      'postgres',
      n,
      () => pool.query(`BEGIN; INSERT INTO ${table} VALUES ('${randomUUID()}', '${body}'); COMMIT`),
      window,
    );
    return { read, commit };
  } finally {
    await pool.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await pool.end();
  }
}

interface Primitives {
  readonly nats: Awaited<ReturnType<typeof natsPrimitives>>;
  readonly pg: Awaited<ReturnType<typeof postgresPrimitives>>;
}

/** The two floors per transition from the primitives' costs. */
function floorsOf({ nats, pg }: Primitives): [string, string, number][] {
  // Each crossing once: a message is published and consumed, a transaction commits.
  const message = total(nats.publish) + total(nats.consume);
  const tx = (reads: number) => total(pg.commit) + reads * total(pg.read);
  return [
    [
      'bare durable stage',
      'task and result each published and consumed once; one transaction on each side with a read',
      2 * message + 2 * tx(1),
    ],
    [
      'as designed today',
      'the bare stage + the running report (a message and a transaction) + 3.33 workflow events ' +
        'published + the memory search (request/reply and two reads)',
      2 * message +
        2 * tx(1) +
        (message + tx(0)) +
        3.33 * total(nats.publish) +
        total(nats.request) +
        2 * total(pg.read),
    ],
  ];
}

async function main(): Promise<void> {
  const n = flag('iterations', 3_000);
  const targetProjectsPerS = flag('target-projects-s', 60);
  const window = flag('window', 50);
  const namespace = testNamespace();
  const cores = availableParallelism();
  const windows = window === 1 ? [1] : [1, window];
  const measured: Primitives[] = [];
  for (const w of windows) {
    process.stderr.write(`measuring ${n} of each primitive, ${w} in flight (after 200 warm-up)\n`);
    measured.push({
      nats: await natsPrimitives(n, `${namespace}w${w}`, w),
      pg: await postgresPrimitives(n, namespace, w),
    });
  }

  const rows: [string, (p: Primitives) => PrimitiveCost][] = [
    ['JetStream publish + ack (file stream, ~0.6 KB)', (p) => p.nats.publish],
    ['JetStream delivery (pulls of 8+) + ackAck', (p) => p.nats.consume],
    ['core NATS request/reply (both ends here)', (p) => p.nats.request],
    ['Postgres round trip (SELECT 1)', (p) => p.pg.read],
    ['Postgres transaction in one round trip (insert + commit)', (p) => p.pg.commit],
  ];
  const ms = (value: number) => value.toFixed(3).padStart(8);
  console.log(
    `CPU per primitive on this machine (${cores} cores), ms: client / server / both, ` +
      windows.map((w) => (w === 1 ? 'one at a time' : `${w} in flight`)).join(', then '),
  );
  for (const [label, of] of rows) {
    const columns = measured.map((p) => {
      const cost = of(p);
      return `${ms(cost.client)} ${ms(cost.server)} ${ms(total(cost))}`;
    });
    console.log(`  ${label.padEnd(58)} ${columns.join('   |')}`);
  }

  const budget = (cores * 1000) / (targetProjectsPerS * STAGES_PER_PROJECT);
  console.log(
    `CPU a target of ${targetProjectsPerS} projects/s leaves per stage transition ` +
      `(${STAGES_PER_PROJECT} per project) on ${cores} cores: ${budget.toFixed(2)} ms`,
  );
  measured.forEach((primitives, i) => {
    const w = windows[i] ?? 1;
    for (const [label, what, floor] of floorsOf(primitives)) {
      const ceiling = (cores * 1000) / (floor * STAGES_PER_PROJECT);
      console.log(
        `  floor, ${label}, ${w === 1 ? 'one at a time' : `${w} in flight`}: ` +
          `${floor.toFixed(2)} ms per transition -> at most ${ceiling.toFixed(1)} projects/s on ` +
          `${cores} cores (${what})`,
      );
    }
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
