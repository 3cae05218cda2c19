import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';

/** Where the floor loop runs; the stream and table are created for it and deleted after. */
export interface FloorOptions {
  readonly natsUrl: string;
  readonly postgresUrl: string;
  readonly namespace: string;
  readonly iterations: number;
}

const WARM_UP = 20;
// About an envelope with a small payload: what the relay publishes and the inbox/outbox writes.
const PAYLOAD = JSON.stringify({ type: 'bench.floor', data: 'x'.repeat(200) });

/**
 * The physical floor of one durable stage, in ms per iteration: a JetStream publish ack, a Postgres
 * commit (an INSERT in an explicit transaction, one round trip), another ack, another commit, in
 * sequence, as a stage's result and its next task each cross NATS and land in Postgres once. The
 * scratch stream is file-backed like the bus's streams; the table is a plain heap with a key.
 */
export async function measureFloor(options: FloorOptions): Promise<number[]> {
  const stream = `${options.namespace.toUpperCase()}_BENCH_FLOOR`;
  const subject = `${options.namespace}.bench.floor`;
  const table = `${options.namespace}_bench_floor`;
  const nc = await connect({ servers: options.natsUrl.split(','), name: 'bench-floor' });
  const pg = new Client({ connectionString: options.postgresUrl });
  await pg.connect();
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.add({
      name: stream,
      subjects: [subject],
      storage: StorageType.File,
      num_replicas: 1,
    });
    await pg.query(`CREATE TABLE ${table} (id bigserial PRIMARY KEY, body text NOT NULL)`);
    const js = jetstream(nc);
    const commit = `BEGIN; INSERT INTO ${table} (body) VALUES ('${PAYLOAD}'); COMMIT`;
    const step = async (): Promise<number> => {
      const started = performance.now();
      await js.publish(subject, PAYLOAD, { msgID: randomUUID() });
      await pg.query(commit);
      await js.publish(subject, PAYLOAD, { msgID: randomUUID() });
      await pg.query(commit);
      return performance.now() - started;
    };
    for (let i = 0; i < WARM_UP; i += 1) await step();
    const samples: number[] = [];
    for (let i = 0; i < options.iterations; i += 1) samples.push(await step());
    return samples;
  } finally {
    await pg.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await pg.end();
    await jsm.streams.delete(stream).catch(() => false);
    await nc.close();
  }
}
