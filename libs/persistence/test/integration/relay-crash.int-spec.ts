import { join } from 'node:path';
import { type JetStreamManager, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { HEADERS, STREAMS, wireStreamName, wireSubject } from '@agentbus/contracts';
import { type DataSource } from 'typeorm';
import { FAULT_EXIT_CODE } from '../fixtures/fault-exit-code';
import { startNode } from '../support/child-process';
import { eventually } from '../support/eventually';
import { commitOutboxRows, outboxRows } from '../support/outbox-rows';
import { randomTestName } from '../support/random-name';
import { databaseUrl, natsUrl } from '../support/services';
import { dropSchema } from '../support/sql';
import { openTestDataSource } from '../support/test-data-source';

const WORKSPACE = join(__dirname, '../../../..');
const FIXTURE = 'libs/persistence/test/fixtures/relay-process.ts';

describe.each(['keep', 'delete'] as const)(
  'outbox relay across a crash (sent rows: %s)',
  (sentRows) => {
    const schema = randomTestName();
    const namespace = randomTestName();
    const stream = wireStreamName(namespace, STREAMS.workflow.name);
    let dataSource: DataSource;
    let nc: NatsConnection;
    let jsm: JetStreamManager;

    const startRelayProcess = (env: Record<string, string> = {}) =>
      startNode(
        ['-r', '@swc-node/register', FIXTURE],
        {
          SWC_NODE_PROJECT: 'libs/persistence/tsconfig.json',
          DATABASE_URL: databaseUrl(),
          NATS_URL: natsUrl(),
          RELAY_SCHEMA: schema,
          RELAY_NAMESPACE: namespace,
          RELAY_BATCH_SIZE: '25',
          RELAY_SENT_ROWS: sentRows,
          ...env,
        },
        WORKSPACE,
      );

    // Every message in the stream, in stream order, as the Nats-Msg-Id it was stored under.
    const storedMsgIds = async (): Promise<string[]> => {
      const { state } = await jsm.streams.info(stream);
      const ids: string[] = [];
      for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
        const message = await jsm.streams.getMessage(stream, { seq });
        ids.push(message?.header.get(HEADERS.msgId) ?? '(missing)');
      }
      return ids;
    };

    beforeAll(async () => {
      dataSource = await openTestDataSource(schema);
      nc = await connect({ servers: natsUrl(), name: 'persistence-crash-test' });
      jsm = await jetstreamManager(nc);
      await jsm.streams.add({
        name: stream,
        subjects: [wireSubject(namespace, 'agentbus.workflow.>')],
        storage: StorageType.File,
        duplicate_window: nanos(STREAMS.workflow.duplicateWindowMs),
      });
    });

    afterAll(async () => {
      await jsm.streams.delete(stream).catch(() => undefined);
      await nc.close();
      await dataSource.destroy();
      await dropSchema(schema);
    });

    it('publishes each of 200 rows exactly once, in order, though the relay dies between publish and commit', async () => {
      const committed = await commitOutboxRows(dataSource, 200);

      // Batches of 25: rows 1–50 are published and committed, 51–57 published but never marked
      // (or deleted).
      const crashing = startRelayProcess({ FAULT_EXIT_AFTER_PUBLISH: '57' });
      expect(await crashing.waitForExit()).toBe(FAULT_EXIT_CODE);
      expect(crashing.output()).toMatch(/fault: exiting after publish 57/);
      expect(await storedMsgIds()).toEqual(committed.slice(0, 57));
      const afterCrash = await outboxRows(dataSource);
      expect(afterCrash.filter((row) => row.sentAt !== null)).toHaveLength(
        sentRows === 'keep' ? 50 : 0,
      );
      // Deleted or not, the 150 rows from 51 on are still there to publish.
      expect(afterCrash.filter((row) => row.sentAt === null).map((row) => row.id)).toEqual(
        committed.slice(50),
      );

      const restarted = startRelayProcess();
      await restarted.waitForOutput(/relay ready/);
      const resumedAt = Date.now();
      await eventually(
        async () => {
          const rows = await outboxRows(dataSource);
          expect(rows.filter((row) => row.sentAt === null)).toHaveLength(0);
        },
        { timeoutMs: 30_000 },
      );
      console.info(
        `relay process: 150 rows to JetStream in ${Date.now() - resumedAt} ms after restart`,
      );
      restarted.kill('SIGTERM');
      expect(await restarted.waitForExit()).toBe(0);

      // The restarted relay republished 51–57 under the same ids; JetStream dropped those copies.
      expect(restarted.output()).toMatch(/stopped: published 150, duplicates 7/);
      expect(await storedMsgIds()).toEqual(committed);
      expect(await outboxRows(dataSource)).toHaveLength(sentRows === 'keep' ? 200 : 0);
    });
  },
);
