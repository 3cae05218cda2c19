// Messaging overhead benchmark: the same publish -> handle -> ack round trip through libs/messaging
// (validated envelopes, credit-based consume, settle) and through raw @nats-io/jetstream (publish with
// msgID, pull consume, ack), on identical streams and durables, in one run. See README.md.
//
//   node -r @swc-node/register tools/bench/messaging/main.ts [--messages 5000] [--rounds 5] [--strict]
//   (or npm run bench:messaging; env: NATS_URL, BENCH_MESSAGES, BENCH_ROUNDS)
import './register-paths';
import { randomBytes } from 'node:crypto';
import {
  defineConsumer,
  newMessageId,
  ProjectCancelRequestedV1,
  STREAMS,
  wireStreamName,
  wireSubject,
} from '@agentbus/contracts';
import {
  connectBus,
  consume,
  consumerConfigOf,
  type ConsumerHandle,
  provisionConsumers,
  provisionStreams,
  Publisher,
  streamConfigOf,
} from '@agentbus/messaging';
import { jetstream, type ConsumerMessages, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';

const TARGET_RATIO = 1.3;
const CONCURRENCY = 64;
const PUBLISH_WINDOW = 256;

type SideName = 'raw' | 'raw-tuned' | 'ours';

interface Side {
  readonly name: SideName;
  /** Publishes one message; resolves on the stream's ack. */
  publish(): Promise<unknown>;
  /** Called once per handled (and acked) message. */
  onHandled: () => void;
  close(): Promise<void>;
}

interface PassResult {
  readonly side: SideName;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly perSecond: number;
  /** Client CPU (user + system, all connections of this process) per message. */
  readonly cpuMicros: number;
}

function option(name: string, env: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const raw = index >= 0 ? process.argv[index + 1] : process.env[env];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`--${name} must be a positive integer`);
  }
  return value;
}

const natsUrl = process.env['NATS_URL']?.trim() || 'nats://127.0.0.1:4222';
const messages = option('messages', 'BENCH_MESSAGES', 5_000);
const rounds = option('rounds', 'BENCH_ROUNDS', 5);
const strict = process.argv.includes('--strict');
const runId = randomBytes(4).toString('hex');
const oursNamespace = `bench_o${runId}`;
const rawNamespace = `bench_r${runId}`;
const tunedNamespace = `bench_t${runId}`;
const definition = defineConsumer('master-orchestrator', ProjectCancelRequestedV1, {
  concurrency: CONCURRENCY,
});

const data = () => ({ projectId: newMessageId(), requestedBy: 'bench' });
const meta = () => ({ source: 'bench', correlationId: newMessageId() });

async function oursSide(): Promise<Side> {
  const producer = await connectBus({
    servers: natsUrl,
    name: 'bench-ours-pub',
    namespace: oursNamespace,
  });
  const consumerBus = await connectBus({
    servers: natsUrl,
    name: 'bench-ours-sub',
    namespace: oursNamespace,
  });
  await provisionStreams(producer, [STREAMS.workflow, STREAMS.dlq]);
  await provisionConsumers(producer, [definition], { maxReplicas: 1 });
  const publisher = new Publisher(producer);
  const side: Side = {
    name: 'ours',
    publish: () => publisher.publish(ProjectCancelRequestedV1, data(), meta()),
    onHandled: () => undefined,
    close: async () => {
      await handle.stop({ timeoutMs: 1_000 });
      await Promise.all([producer.close(), consumerBus.close()]);
    },
  };
  // The metrics hook fires after settlement, so a round trip includes the ack.
  const handle: ConsumerHandle = await consume(consumerBus, definition, async () => undefined, {
    metrics: { observeHandle: () => side.onHandled(), observePublish: () => undefined },
  });
  return side;
}

/**
 * Raw client: `raw` with the client's defaults, `raw-tuned` with the connection options connectBus
 * sets (noAsyncTraces), so the second comparison isolates what the layer itself adds.
 */
async function rawSide(name: 'raw' | 'raw-tuned', namespace: string): Promise<Side> {
  const options = { servers: natsUrl, ...(name === 'raw-tuned' ? { noAsyncTraces: true } : {}) };
  const producer = await connect({ ...options, name: `bench-${name}-pub` });
  const consumerNc = await connect({ ...options, name: `bench-${name}-sub` });
  const jsm = await jetstreamManager(producer);
  // The very same stream and durable configuration, in another namespace.
  await jsm.streams.add(streamConfigOf(namespace, STREAMS.workflow));
  const stream = wireStreamName(namespace, STREAMS.workflow.name);
  await jsm.consumers.add(stream, consumerConfigOf(namespace, definition, 1));
  const js = jetstream(producer);
  const subject = wireSubject(namespace, ProjectCancelRequestedV1.subject);
  const consumer = await jetstream(consumerNc).consumers.get(stream, definition.durable);
  const iterator: ConsumerMessages = await consumer.consume({ max_messages: CONCURRENCY });
  const side: Side = {
    name,
    publish: () => {
      const envelope = {
        id: newMessageId(),
        type: ProjectCancelRequestedV1.subject,
        source: 'bench',
        time: new Date().toISOString(),
        correlationId: newMessageId(),
        data: data(),
      };
      return js.publish(subject, JSON.stringify(envelope), { msgID: envelope.id });
    },
    onHandled: () => undefined,
    close: async () => {
      await iterator.close();
      await Promise.all([producer.drain(), consumerNc.drain()]);
    },
  };
  void (async () => {
    for await (const msg of iterator) {
      JSON.parse(msg.string()); // a handler reads its data; the raw side skips validation
      msg.ack();
      side.onHandled();
    }
  })();
  return side;
}

/** One message in flight at a time: the round-trip latency of publish -> handle -> ack. */
async function latencyPass(side: Side, count: number): Promise<PassResult> {
  const samples: number[] = [];
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const handled = new Promise<void>((resolve) => (side.onHandled = resolve));
    await Promise.all([side.publish(), handled]);
    samples.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1_000;
  samples.sort((a, b) => a - b);
  return {
    side: side.name,
    p50Ms: percentile(samples, 0.5),
    p99Ms: percentile(samples, 0.99),
    perSecond: count / seconds,
    cpuMicros: cpuPerMessage(cpu, count),
  };
}

function cpuPerMessage(since: NodeJS.CpuUsage, count: number): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / count;
}

/** Up to PUBLISH_WINDOW publishes in flight; the consumer works at its full concurrency. */
async function throughputPass(side: Side, count: number): Promise<PassResult> {
  let handled = 0;
  let done!: () => void;
  const allHandled = new Promise<void>((resolve) => (done = resolve));
  side.onHandled = () => {
    if (++handled === count) done();
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const inFlight = new Set<Promise<unknown>>();
  for (let i = 0; i < count; i++) {
    const publish: Promise<unknown> = side.publish().finally(() => inFlight.delete(publish));
    inFlight.add(publish);
    if (inFlight.size >= PUBLISH_WINDOW) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  await allHandled;
  const seconds = (performance.now() - started) / 1_000;
  return {
    side: side.name,
    p50Ms: Number.NaN,
    p99Ms: Number.NaN,
    perSecond: count / seconds,
    cpuMicros: cpuPerMessage(cpu, count),
  };
}

const percentile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function cleanup(): Promise<void> {
  const nc: NatsConnection = await connect({ servers: natsUrl, name: 'bench-cleanup' });
  try {
    const jsm = await jetstreamManager(nc);
    const prefixes = [oursNamespace, rawNamespace, tunedNamespace].map(
      (ns) => `${ns.toUpperCase()}_`,
    );
    const doomed: string[] = [];
    for await (const name of jsm.streams.names()) {
      if (prefixes.some((prefix) => name.startsWith(prefix))) doomed.push(name);
    }
    for (const name of doomed) await jsm.streams.delete(name);
  } finally {
    await nc.close();
  }
}

const fmt = (value: number, digits = 3): string =>
  Number.isNaN(value) ? '-' : value.toFixed(digits);

async function main(): Promise<void> {
  console.log(
    `messaging bench: ${messages} messages x ${rounds} rounds, consumer concurrency ${CONCURRENCY}, ` +
      `publish window ${PUBLISH_WINDOW}, ${natsUrl}, node ${process.version}`,
  );
  const sides: Side[] = [
    await rawSide('raw', rawNamespace),
    await rawSide('raw-tuned', tunedNamespace),
    await oursSide(),
  ];
  try {
    const warmUp = Math.min(1_000, messages);
    for (const side of sides) {
      await latencyPass(side, warmUp);
      await throughputPass(side, warmUp);
    }
    const results: Results = { latency: [], throughput: [] };
    for (let round = 0; round < rounds; round++) {
      // Rotate which side goes first, so no side always runs on a warmer (or busier) server.
      const order = sides.map((_, i) => sides[(i + round) % sides.length] as Side);
      for (const side of order) results.latency.push(await latencyPass(side, messages));
      for (const side of order) results.throughput.push(await throughputPass(side, messages));
    }
    report(results);
  } finally {
    await Promise.allSettled(sides.map((side) => side.close()));
    await cleanup();
  }
}

interface Results {
  latency: PassResult[];
  throughput: PassResult[];
}

function report(results: Results): void {
  const summary = (passes: PassResult[], side: SideName) => {
    const mine = passes.filter((pass) => pass.side === side);
    return {
      p50Ms: median(mine.map((pass) => pass.p50Ms)),
      p99Ms: median(mine.map((pass) => pass.p99Ms)),
      perSecond: median(mine.map((pass) => pass.perSecond)),
      cpuMicros: median(mine.map((pass) => pass.cpuMicros)),
    };
  };
  const names: SideName[] = ['raw', 'raw-tuned', 'ours'];
  console.log(
    '\npass                    side        p50 ms   p99 ms      msg/s  CPU µs/msg  (median of rounds)',
  );
  for (const pass of ['latency', 'throughput'] as const) {
    for (const name of names) {
      const s = summary(results[pass], name);
      const label = pass === 'latency' ? 'latency (1 in flight)' : 'throughput';
      console.log(
        `${label.padEnd(23)} ${name.padEnd(10)} ${fmt(s.p50Ms).padStart(8)} ${fmt(s.p99Ms).padStart(8)} ` +
          `${fmt(s.perSecond, 0).padStart(10)} ${fmt(s.cpuMicros, 1).padStart(11)}`,
      );
    }
  }
  let worst = 0;
  for (const baseline of ['raw', 'raw-tuned'] as const) {
    const latency = {
      raw: summary(results.latency, baseline),
      ours: summary(results.latency, 'ours'),
    };
    const throughput = {
      raw: summary(results.throughput, baseline),
      ours: summary(results.throughput, 'ours'),
    };
    const ratios = {
      'latency p50': latency.ours.p50Ms / latency.raw.p50Ms,
      'latency p99': latency.ours.p99Ms / latency.raw.p99Ms,
      'throughput (raw msg/s ÷ ours msg/s)': throughput.raw.perSecond / throughput.ours.perSecond,
    };
    console.log(`\nratio ours / ${baseline} (cost; target ≤ ${TARGET_RATIO}x):`);
    for (const [name, ratio] of Object.entries(ratios)) {
      console.log(`  ${name.padEnd(38)} ${ratio.toFixed(2)}x`);
      worst = Math.max(worst, ratio);
    }
    // Client CPU is the bottleneck on small machines and is less disturbed by neighbours than rates.
    const cpu = throughput.ours.cpuMicros / throughput.raw.cpuMicros;
    console.log(
      `  ${'client CPU per message, throughput'.padEnd(38)} ${cpu.toFixed(2)}x (informative)`,
    );
  }
  const verdict = worst <= TARGET_RATIO ? 'within target' : 'OVER TARGET';
  console.log(`\nworst ratio ${worst.toFixed(2)}x: ${verdict}`);
  if (strict && worst > TARGET_RATIO) process.exitCode = 1;
}

main().catch(async (error: unknown) => {
  console.error(error);
  await cleanup().catch(() => undefined);
  process.exitCode = 1;
});
