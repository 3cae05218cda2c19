import { type DataSource } from 'typeorm';
import { OutboxRelay, type OutboxMessage, type OutboxRelayOptions, withOutbox } from '../../src';
import { deferred } from '../support/deferred';
import { aCancelRequest } from '../support/envelopes';
import { eventually } from '../support/eventually';
import { commitOutboxRows, outboxRows } from '../support/outbox-rows';
import { randomTestName } from '../support/random-name';
import { RecordingLogger } from '../support/recording-logger';
import { dropSchema, sql } from '../support/sql';
import { openTestDataSource } from '../support/test-data-source';

// Long enough that only a NOTIFY (not the fallback poll) can explain a prompt publish.
const NO_POLLING_MS = 60_000;

describe(OutboxRelay.name, () => {
  const schema = randomTestName();
  const applicationName = `${schema}-relay`;
  let dataSource: DataSource;
  let secondReplica: DataSource;
  const running: OutboxRelay[] = [];

  const startRelay = async (
    options: Partial<OutboxRelayOptions> & Pick<OutboxRelayOptions, 'publish'>,
  ): Promise<OutboxRelay> => {
    const relay = new OutboxRelay({
      dataSource,
      schema,
      pollIntervalMs: NO_POLLING_MS,
      logger: new RecordingLogger(),
      ...options,
    });
    running.push(relay);
    await relay.start();
    return relay;
  };
  const recorder = (): {
    published: OutboxMessage[];
    publish: (m: OutboxMessage) => Promise<void>;
  } => {
    const published: OutboxMessage[] = [];
    return { published, publish: async (message) => void published.push(message) };
  };
  const ids = (messages: readonly { id: string }[]): string[] => messages.map((m) => m.id);

  beforeAll(async () => {
    dataSource = await openTestDataSource(schema, { applicationName });
    secondReplica = await openTestDataSource(schema, { applicationName: `${schema}-replica` });
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((relay) => relay.stop()));
    await dataSource.query('TRUNCATE outbox');
  });

  afterAll(async () => {
    await dataSource.destroy();
    await secondReplica.destroy();
    await dropSchema(schema);
  });

  it('publishes every committed row exactly once, in seq order, and marks it sent', async () => {
    const { published, publish } = recorder();
    await startRelay({ publish, batchSize: 25 });

    const started = Date.now();
    const committed = await commitOutboxRows(dataSource, 200);
    await eventually(() => expect(published).toHaveLength(200));
    const elapsedMs = Date.now() - started;

    expect(ids(published)).toEqual(committed);
    // The last batch is published before its transaction commits `sent_at`.
    const rows = await eventually(async () => {
      const all = await outboxRows(dataSource);
      expect(all.every((row) => row.sentAt !== null && row.publishAttempts === 1)).toBe(true);
      return all;
    });
    expect(published[0]).toEqual({
      id: committed[0],
      subject: 'agentbus.workflow.v1.project.cancel-requested',
      envelope: rows[0]?.envelope,
      headers: { traceparent: expect.stringMatching(/^00-a{32}-b{16}-01$/) },
    });
    console.info(`relay: 200 rows in 20 commits published in ${elapsedMs} ms (batch 25)`);
  });

  it('deletes published rows when told to, and keeps a failing one with its error until it goes', async () => {
    const committed = await commitOutboxRows(dataSource, 60);
    const [failing] = committed.slice(30, 31);
    const published: string[] = [];
    let failuresLeft = 1;
    await startRelay({
      sentRows: 'delete',
      batchSize: 25,
      publish: async (message) => {
        if (message.id === failing && failuresLeft-- > 0) throw new Error('nats: no responders');
        published.push(message.id);
      },
    });

    // Rows before the failure are deleted; the failing row waits, with its error, for its retry.
    await eventually(async () => {
      const rows = await outboxRows(dataSource);
      expect(rows[0]).toMatchObject({ id: failing, lastError: 'nats: no responders' });
      expect(rows).toHaveLength(30);
    });
    await eventually(async () => expect(await outboxRows(dataSource)).toEqual([]), {
      timeoutMs: 15_000,
    });
    expect(published).toEqual(committed);
  });

  it('is woken by the commit itself (LISTEN/NOTIFY), not by polling', async () => {
    const { published, publish } = recorder();
    await startRelay({ publish });
    const latencies: number[] = [];

    for (let i = 0; i < 20; i++) {
      const committedAt = Date.now();
      await commitOutboxRows(dataSource, 1);
      await eventually(() => expect(published).toHaveLength(i + 1), { intervalMs: 1 });
      latencies.push(Date.now() - committedAt);
    }

    latencies.sort((a, b) => a - b);
    expect(latencies[latencies.length - 1]).toBeLessThan(1_000);
    console.info(`relay: commit → publish p50 ${latencies[10]} ms, max ${latencies[19]} ms`);
  });

  it('never publishes rows of an open transaction, nor of one that rolls back', async () => {
    const { published, publish } = recorder();
    await startRelay({ publish });
    const uncommitted = aCancelRequest();
    const inside = deferred();
    const rollBack = deferred();
    const open = withOutbox(dataSource, async (_tx, outbox) => {
      await outbox.add(uncommitted);
      inside.resolve();
      await rollBack.promise;
      throw new Error('rolled back');
    });
    await inside.promise;

    // A later row commits while the earlier one is still open: it is not held up.
    const [later] = await commitOutboxRows(dataSource, 1);
    await eventually(() => expect(ids(published)).toEqual([later]));
    rollBack.resolve();
    await expect(open).rejects.toThrow('rolled back');
    const [sentinel] = await commitOutboxRows(dataSource, 1);
    await eventually(() => expect(ids(published)).toEqual([later, sentinel]));

    expect(ids(published)).not.toContain(uncommitted.id);
  });

  it("lets two relays run at once: every row is published once, and each writer's rows in order", async () => {
    const { published, publish } = recorder();
    await startRelay({ publish, batchSize: 10 });
    await startRelay({ publish, batchSize: 10, dataSource: secondReplica });

    const writers = await Promise.all([1, 2, 3].map(() => commitOutboxRows(dataSource, 100, 5)));
    await eventually(() => expect(published).toHaveLength(300));

    expect(new Set(ids(published)).size).toBe(300);
    // Concurrent writers commit in an order seq does not know; what holds is that a row committed
    // after another (here: by the same writer) is published after it.
    for (const written of writers) {
      expect(ids(published).filter((id) => written.includes(id))).toEqual(written);
    }
    await eventually(async () =>
      expect((await outboxRows(dataSource)).every((row) => row.sentAt !== null)).toBe(true),
    );
  });

  it('records a failed publish, backs off and retries it before any later row', async () => {
    const [failing, after] = await commitOutboxRows(dataSource, 2);
    const published: string[] = [];
    let failuresLeft = 2;
    const logger = new RecordingLogger();
    await startRelay({
      logger,
      publish: async (message) => {
        if (message.id === failing && failuresLeft-- > 0) throw new Error('nats: no responders');
        published.push(message.id);
      },
    });

    await eventually(() => expect(published).toEqual([failing, after]), { timeoutMs: 15_000 });

    // The successful attempt is marked in the relay's settle commit, after the publish returned.
    const row = await eventually(async () => {
      const [first] = await outboxRows(dataSource);
      expect(first?.sentAt).not.toBeNull();
      return first;
    });
    expect(row).toMatchObject({
      id: failing,
      publishAttempts: 3,
      lastError: 'nats: no responders',
    });
    expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(2);
    expect(logger.lines.at(-1)?.message).toMatch(/recovered/);
  });

  it('finishes and commits the batch in flight when stopped, then publishes nothing more', async () => {
    await commitOutboxRows(dataSource, 10);
    const firstPublish = deferred();
    const release = deferred();
    const published: string[] = [];
    const relay = await startRelay({
      batchSize: 4,
      publish: async (message) => {
        firstPublish.resolve();
        await release.promise;
        published.push(message.id);
      },
    });
    await firstPublish.promise;

    const stopping = relay.stop();
    release.resolve();
    await stopping;
    await commitOutboxRows(dataSource, 1);

    const rows = await outboxRows(dataSource);
    expect(published).toEqual(ids(rows.slice(0, 4)));
    expect(rows.map((row) => row.sentAt !== null)).toEqual([
      ...Array<boolean>(4).fill(true),
      ...Array<boolean>(7).fill(false),
    ]);
  });

  it('listens again after losing its LISTEN connection', async () => {
    const { published, publish } = recorder();
    const logger = new RecordingLogger();
    await startRelay({ publish, logger });
    const listener = `${applicationName}-outbox-listener`;
    const backendsOf = async (name: string): Promise<number[]> =>
      (
        await sql<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
          name,
        ])
      ).map((row) => row.pid);
    const [killed] = await backendsOf(listener);

    await sql('SELECT pg_terminate_backend($1)', [killed]);
    await eventually(async () => {
      const now = await backendsOf(listener);
      expect(now).toHaveLength(1);
      expect(now).not.toContain(killed);
    });
    const [row] = await commitOutboxRows(dataSource, 1);

    await eventually(() => expect(ids(published)).toEqual([row]), { timeoutMs: 2_000 });
    expect(logger.lines.map((line) => line.message)).toContainEqual(
      expect.stringMatching(/lost its connection/),
    );
  });
});
