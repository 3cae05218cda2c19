import { newMessageId } from '@agentbus/contracts';
import { type DataSource } from 'typeorm';
import { pruneInbox, pruneOutbox, RETENTION_DEFAULTS } from '../../src';
import { commitOutboxRows, outboxRows } from '../support/outbox-rows';
import { randomTestName } from '../support/random-name';
import { dropSchema } from '../support/sql';
import { openTestDataSource } from '../support/test-data-source';

const DAY_MS = 86_400_000;
const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY_MS);

describe(pruneOutbox.name, () => {
  const schema = randomTestName();
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openTestDataSource(schema);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await dropSchema(schema);
  });

  it('deletes only rows sent before the cut-off, in bounded batches, and never unsent ones', async () => {
    const [oldUnsent, recentlySent, ...oldSent] = await commitOutboxRows(dataSource, 7);
    const markSent = (ids: readonly string[], at: Date) =>
      dataSource.query('UPDATE outbox SET sent_at = $2 WHERE id = ANY($1::uuid[])', [ids, at]);
    await dataSource.query(`UPDATE outbox SET created_at = $1`, [daysAgo(30)]);
    await markSent(oldSent, daysAgo(8));
    await markSent([recentlySent ?? ''], daysAgo(1));

    const statements = jest.spyOn(dataSource, 'createQueryRunner');

    const deleted = await pruneOutbox(dataSource, { batchSize: 2 });

    expect(deleted).toBe(5);
    expect(statements).toHaveBeenCalledTimes(3); // 2 + 2 + 1 rows, one short DELETE each
    statements.mockRestore();
    expect((await outboxRows(dataSource)).map((row) => row.id)).toEqual([oldUnsent, recentlySent]);
    expect(await pruneOutbox(dataSource, { olderThan: new Date() })).toBe(1);
    expect((await outboxRows(dataSource)).map((row) => row.id)).toEqual([oldUnsent]);
  });
});

describe(pruneInbox.name, () => {
  const schema = randomTestName();
  let dataSource: DataSource;
  const remember = (processedAt: Date, consumer = 'orch-stage-completed'): Promise<unknown> =>
    dataSource.query('INSERT INTO inbox (consumer, message_id, processed_at) VALUES ($1, $2, $3)', [
      consumer,
      newMessageId(),
      processedAt,
    ]);
  const inboxAges = async (): Promise<number[]> =>
    (
      (await dataSource.query('SELECT processed_at FROM inbox ORDER BY processed_at')) as {
        processed_at: Date;
      }[]
    ).map((row) => Math.round((Date.now() - row.processed_at.getTime()) / DAY_MS));

  beforeAll(async () => {
    dataSource = await openTestDataSource(schema);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await dropSchema(schema);
  });

  it('keeps inbox rows for longer than any stream keeps a message, then deletes them in batches', async () => {
    expect(RETENTION_DEFAULTS.inboxMs).toBe(37 * DAY_MS); // 30-day streams + a week's margin
    for (const days of [40, 40, 39, 38, 36, 1]) await remember(daysAgo(days));
    await remember(daysAgo(45), 'gw-project-completed');

    const deleted = await pruneInbox(dataSource, { batchSize: 2 });

    expect(deleted).toBe(5);
    expect(await inboxAges()).toEqual([36, 1]);
  });
});
