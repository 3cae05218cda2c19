// What the messages and statements of one stage transition cost in CPU on this machine, measured one
// primitive at a time (client and server), and the CPU floor per transition they add up to: the
// least a design that crosses processes this way can spend, before any of its own work. Compares it
// with the CPU a throughput target leaves per transition on the machine's cores. See README.md.
//
//   npm run bench:cpu-floor -- [--iterations 3000] [--target-projects-s 60]
//   (needs NATS_URL and DATABASE_URL: eval "$(tools/scripts/dev-services.sh start)")
import '../messaging/register-paths';
import { availableParallelism } from 'node:os';
import { randomUUID } from 'node:crypto';
import { AckPolicy, jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { natsUrl, postgresUrl, testNamespace } from '@agentbus/testing';
import { Client } from 'pg';
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

/** Runs `step` n times in sequence; CPU per step of this process and of the named server. */
async function measure(
  server: string,
  n: number,
  step: (i: number) => Promise<unknown>,
): Promise<PrimitiveCost> {
  for (let i = 0; i < Math.min(200, n); i += 1) await step(-1 - i); // warm-up
  const client0 = process.cpuUsage();
  const server0 = serverMs(server);
  for (let i = 0; i < n; i += 1) await step(i);
  const client = process.cpuUsage(client0);
  return {
    client: (client.user + client.system) / 1000 / n,
    server: (serverMs(server) - server0) / n,
  };
}

async function natsPrimitives(n: number, namespace: string) {
  const nc = await connect({ servers: (await natsUrl()).split(','), name: 'bench-cpu-floor' });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const stream = `${namespace.toUpperCase()}_CPU_FLOOR`;
  const subject = `${namespace}.cpu-floor`;
  // About an envelope carrying an artifact reference: what a task or a result message is.
  const payload = new TextEncoder().encode(JSON.stringify({ data: 'x'.repeat(600) }));
  try {
    await jsm.streams.add({ name: stream, subjects: [`${subject}.>`], storage: StorageType.File });
    const publish = await measure('nats-server', n, (i) =>
      js.publish(`${subject}.m`, payload, { msgID: `${namespace}-${i}` }),
    );
    await jsm.consumers.add(stream, { durable_name: 'floor', ack_policy: AckPolicy.Explicit });
    const consumer = await js.consumers.get(stream, 'floor');
    // Delivered in pulls of 8 (the worker pool's slots) and acknowledged one by one, each ack
    // confirmed (ackAck), as the services do; the n messages published above are waiting.
    const messages = await consumer.consume({ max_messages: 8 });
    const delivered = messages[Symbol.asyncIterator]();
    const consume = await measure('nats-server', n, async () => {
      const next = await delivered.next();
      if (next.done) throw new Error('the floor stream ran dry: fewer messages than iterations');
      await next.value.ackAck();
    });
    messages.stop(); // close() would wait for the iterator to drain
    const responder = nc.subscribe(`${subject}.rpc`, {
      callback: (_error, message) => {
        message.respond(payload);
      },
    });
    const request = await measure('nats-server', n, () =>
      nc.request(`${subject}.rpc`, payload, { timeout: 5_000 }),
    );
    responder.unsubscribe();
    return { publish, consume, request };
  } finally {
    await jsm.streams.delete(stream).catch(() => false);
    await nc.close();
  }
}

async function postgresPrimitives(n: number, namespace: string) {
  const pg = new Client({ connectionString: await postgresUrl() });
  await pg.connect();
  const table = `${namespace}_cpu_floor`;
  try {
    await pg.query(`CREATE TABLE ${table} (id uuid PRIMARY KEY, body jsonb NOT NULL)`);
    const body = JSON.stringify({ data: 'x'.repeat(600) });
    const read = await measure('postgres', n, () => pg.query('SELECT 1'));
    // One round trip carrying a whole transaction (BEGIN, an insert, COMMIT with its WAL flush).
    const commit = await measure('postgres', n, () =>
      pg.query(`BEGIN; INSERT INTO ${table} VALUES ('${randomUUID()}', '${body}'); COMMIT`),
    );
    return { read, commit };
  } finally {
    await pg.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await pg.end();
  }
}

async function main(): Promise<void> {
  const n = flag('iterations', 3_000);
  const targetProjectsPerS = flag('target-projects-s', 60);
  const namespace = testNamespace();
  const cores = availableParallelism();
  process.stderr.write(`measuring ${n} of each primitive (after 200 warm-up)\n`);
  const nats = await natsPrimitives(n, namespace);
  const pg = await postgresPrimitives(n, namespace);

  const rows: [string, PrimitiveCost][] = [
    ['JetStream publish + ack (file stream, ~0.6 KB)', nats.publish],
    ['JetStream delivery (pulls of 8) + ackAck', nats.consume],
    ['core NATS request/reply (both ends here)', nats.request],
    ['Postgres round trip (SELECT 1)', pg.read],
    ['Postgres transaction in one round trip (insert + commit)', pg.commit],
  ];
  const ms = (value: number) => value.toFixed(3).padStart(8);
  console.log(`CPU per primitive on this machine (${cores} cores), ms: client / server / both`);
  for (const [label, cost] of rows) {
    console.log(`  ${label.padEnd(58)} ${ms(cost.client)} ${ms(cost.server)} ${ms(total(cost))}`);
  }

  // Each crossing once: a message is published and consumed, a transaction commits.
  const message = total(nats.publish) + total(nats.consume);
  const tx = (reads: number) => total(pg.commit) + reads * total(pg.read);
  const floors: [string, string, number][] = [
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
  const budget = (cores * 1000) / (targetProjectsPerS * STAGES_PER_PROJECT);
  console.log(
    `CPU a target of ${targetProjectsPerS} projects/s leaves per stage transition ` +
      `(${STAGES_PER_PROJECT} per project) on ${cores} cores: ${budget.toFixed(2)} ms`,
  );
  for (const [label, what, floor] of floors) {
    const ceiling = (cores * 1000) / (floor * STAGES_PER_PROJECT);
    console.log(
      `  floor, ${label}: ${floor.toFixed(2)} ms per transition -> at most ` +
        `${ceiling.toFixed(1)} projects/s on ${cores} cores (${what})`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
