import { newMessageId } from '@agentbus/contracts';
import { type DataSource } from 'typeorm';
import {
  DirectPublisher,
  disableDirectPublish,
  enableDirectPublish,
  handleOnce,
  type OutboxMessage,
  OutboxRelay,
  type SentRows,
  withOutbox,
} from '../../src';
import { aCancelRequest } from '../support/envelopes';
import { eventually } from '../support/eventually';
import { outboxRows } from '../support/outbox-rows';
import { randomTestName } from '../support/random-name';
import { RecordingLogger } from '../support/recording-logger';
import { dropSchema } from '../support/sql';
import { openTestDataSource } from '../support/test-data-source';

describe.each<SentRows>(['keep', 'delete'])(
  `${DirectPublisher.name} (sent rows: %s)`,
  (sentRows) => {
    const schema = randomTestName();
    let dataSource: DataSource;
    const published: OutboxMessage[] = [];
    let failNext = 0;
    const publish = async (message: OutboxMessage): Promise<void> => {
      if (failNext > 0) {
        failNext -= 1;
        throw new Error('the bus refused');
      }
      published.push(message);
    };

    beforeAll(async () => {
      dataSource = await openTestDataSource(schema);
      enableDirectPublish(
        dataSource,
        new DirectPublisher(dataSource, schema, publish, new RecordingLogger(), sentRows),
      );
    });

    afterAll(async () => {
      await disableDirectPublish(dataSource)?.drain();
      await dataSource.destroy();
      await dropSchema(schema);
    });

    beforeEach(() => {
      published.length = 0;
      failNext = 0;
    });

    /** `unsent`, `sent` (marked) or `gone` (deleted). */
    const stateOf = async (id: string) => {
      const row = (await outboxRows(dataSource)).find((candidate) => candidate.id === id);
      if (row === undefined) return 'gone';
      return row.sentAt === null ? 'unsent' : 'sent';
    };
    const settled = sentRows === 'keep' ? 'sent' : 'gone';

    it('publishes a handler’s rows after its commit, in order, and marks or deletes them', async () => {
      const envelopes = [aCancelRequest({ reason: 'one' }), aCancelRequest({ reason: 'two' })];
      await handleOnce(
        dataSource,
        { consumer: 'c', messageId: newMessageId() },
        async (_tx, outbox) => {
          for (const envelope of envelopes) await outbox.add(envelope);
        },
      );
      expect(published.map((m) => m.id)).toEqual(envelopes.map((e) => e.id));
      await eventually(async () => {
        for (const envelope of envelopes) expect(await stateOf(envelope.id)).toBe(settled);
      });
    });

    it('publishes nothing for a transaction that rolled back', async () => {
      const envelope = aCancelRequest();
      await expect(
        withOutbox(dataSource, async (_tx, outbox) => {
          await outbox.add(envelope);
          throw new Error('handler failed');
        }),
      ).rejects.toThrow('handler failed');
      expect(published).toEqual([]);
      expect((await outboxRows(dataSource)).some((row) => row.id === envelope.id)).toBe(false);
    });

    it('leaves a row whose publish failed to the relay, which publishes it once it is old enough', async () => {
      const envelope = aCancelRequest({ reason: 'refused at first' });
      failNext = 1;
      await withOutbox(dataSource, (_tx, outbox) => outbox.add(envelope));
      expect(published).toEqual([]);
      expect(await stateOf(envelope.id)).toBe('unsent');

      const relay = new OutboxRelay({
        dataSource,
        schema,
        publish,
        minAgeMs: 300,
        pollIntervalMs: 100,
        sentRows,
        logger: new RecordingLogger(),
      });
      await relay.start();
      try {
        await eventually(async () => expect(await stateOf(envelope.id)).toBe(settled), {
          timeoutMs: 10_000,
        });
      } finally {
        await relay.stop();
      }
      expect(published.map((m) => m.id)).toEqual([envelope.id]);
    });
  },
);
