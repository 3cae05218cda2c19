import {
  InvalidMessageError,
  newMessageId,
  PermanentError,
  RetryableError,
} from '@agentbus/contracts';
import { type DataSource } from 'typeorm';
import { handleOnce, InboxEntry, withOutbox } from '../../src';
import { counterValue, increment } from '../support/counters';
import { deferred } from '../support/deferred';
import { aCancelRequest } from '../support/envelopes';
import { eventually } from '../support/eventually';
import { outboxRows } from '../support/outbox-rows';
import { randomTestName } from '../support/random-name';
import { dropSchema, sql } from '../support/sql';
import { openTestDataSource } from '../support/test-data-source';

describe(handleOnce.name, () => {
  const schema = randomTestName();
  let replicaA: DataSource;
  let replicaB: DataSource;
  const consumer = 'orch-project-cancel-requested';
  const aKey = (): { consumer: string; messageId: string } => ({
    consumer,
    messageId: newMessageId(),
  });
  const inboxHas = async (messageId: string): Promise<boolean> =>
    (await replicaA.getRepository(InboxEntry).countBy({ consumer, messageId })) === 1;
  // True once a connection of `replica` is blocked on a row lock (here: the other's inbox row).
  const isWaitingOnLock = async (replica: string): Promise<boolean> =>
    (
      await sql(
        `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
        [`${schema}-${replica}`],
      )
    ).length > 0;

  beforeAll(async () => {
    // Two DataSources stand for two replicas of a service, each with its own pool.
    replicaA = await openTestDataSource(schema, { applicationName: `${schema}-a` });
    replicaB = await openTestDataSource(schema, { applicationName: `${schema}-b` });
  });

  afterAll(async () => {
    await replicaA.destroy();
    await replicaB.destroy();
    await dropSchema(schema);
  });

  it('applies a message once; handling it again reports a duplicate and applies nothing', async () => {
    const key = aKey();
    const work = jest.fn(async (tx: Parameters<typeof increment>[0]) => {
      await increment(tx, key.messageId);
      return 'applied';
    });

    expect(await handleOnce(replicaA, key, work)).toEqual({ duplicate: false, result: 'applied' });
    expect(await handleOnce(replicaA, key, work)).toEqual({ duplicate: true });
    expect(await handleOnce(replicaB, key, work)).toEqual({ duplicate: true });

    // The duplicate's work may start (its first read shares a round trip with the inbox insert),
    // but it is abandoned before anything commits.
    expect(await counterValue(replicaA, key.messageId)).toBe(1);
  });

  it('keeps consumers apart: another consumer of the same message applies it too', async () => {
    const key = aKey();
    await handleOnce(replicaA, key, (tx) => increment(tx, key.messageId));

    const other = await handleOnce(
      replicaA,
      { consumer: 'gw-project-cancel-requested', messageId: key.messageId },
      (tx) => increment(tx, key.messageId),
    );

    expect(other.duplicate).toBe(false);
    expect(await counterValue(replicaA, key.messageId)).toBe(2);
  });

  it('makes a concurrent duplicate wait for the first transaction, then report a duplicate', async () => {
    const key = aKey();
    const firstInside = deferred();
    const releaseFirst = deferred();
    const first = handleOnce(replicaA, key, async (tx) => {
      await increment(tx, key.messageId);
      firstInside.resolve();
      await releaseFirst.promise;
      return 'first';
    });
    await firstInside.promise;
    const secondWork = jest.fn(async (tx: Parameters<typeof increment>[0]) => {
      await increment(tx, key.messageId);
      return 'second';
    });

    const second = handleOnce(replicaB, key, secondWork);
    await eventually(async () => expect(await isWaitingOnLock('b')).toBe(true));
    releaseFirst.resolve();

    expect(await first).toEqual({ duplicate: false, result: 'first' });
    expect(await second).toEqual({ duplicate: true });
    expect(await counterValue(replicaA, key.messageId)).toBe(1);
  });

  it('lets the waiting duplicate apply the message when the first transaction rolls back', async () => {
    const key = aKey();
    const firstInside = deferred();
    const failFirst = deferred();
    const first = handleOnce(replicaA, key, async (tx) => {
      await increment(tx, key.messageId);
      firstInside.resolve();
      await failFirst.promise;
      throw new Error('first handler crashed');
    });
    await firstInside.promise;

    const second = handleOnce(replicaB, key, async (tx) => {
      await increment(tx, key.messageId);
      return 'second';
    });
    await eventually(async () => expect(await isWaitingOnLock('b')).toBe(true));
    failFirst.resolve();

    await expect(first).rejects.toThrow('first handler crashed');
    expect(await second).toEqual({ duplicate: false, result: 'second' });
    expect(await counterValue(replicaA, key.messageId)).toBe(1);
  });

  it('rolls back the inbox row, the state and the outbox rows of a failed handler, so a redelivery runs it again', async () => {
    const key = aKey();
    const bug = new Error('handler bug');
    const envelope = aCancelRequest();

    const failed = handleOnce(replicaA, key, async (tx, outbox) => {
      await increment(tx, key.messageId);
      await outbox.add(envelope);
      throw bug;
    });

    await expect(failed).rejects.toBe(bug); // not classified: it is not a database failure
    expect(await inboxHas(key.messageId)).toBe(false);
    expect(await counterValue(replicaA, key.messageId)).toBe(0);
    expect((await outboxRows(replicaA)).map((row) => row.id)).not.toContain(envelope.id);

    const redelivered = await handleOnce(replicaA, key, async (tx, outbox) => {
      await increment(tx, key.messageId);
      await outbox.add(envelope);
      return 'second try';
    });

    expect(redelivered).toEqual({ duplicate: false, result: 'second try' });
    expect(await inboxHas(key.messageId)).toBe(true);
    expect(await counterValue(replicaA, key.messageId)).toBe(1);
    expect((await outboxRows(replicaA)).map((row) => row.id)).toContain(envelope.id);
  });

  it('writes outgoing envelopes with their subject, trace headers and increasing seq', async () => {
    const [one, two] = [aCancelRequest(), aCancelRequest()];
    const traceparent = `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`;

    await handleOnce(replicaA, aKey(), async (_tx, outbox) => {
      await outbox.add(one, { traceparent });
      await outbox.add(two);
    });

    const rows = (await outboxRows(replicaA)).filter((row) => [one.id, two.id].includes(row.id));
    expect(rows.map((row) => row.id)).toEqual([one.id, two.id]);
    expect(rows[0]).toMatchObject({
      subject: one.type,
      envelope: one,
      headers: { traceparent },
      sentAt: null,
      publishAttempts: 0,
      lastError: null,
    });
    expect(rows[1]?.headers).toEqual({});
    expect(BigInt(rows[1]?.seq ?? 0)).toBeGreaterThan(BigInt(rows[0]?.seq ?? 0));
  });

  it('refuses an envelope that breaks its contract or has none, and rolls everything back', async () => {
    const key = aKey();
    const broken = { ...aCancelRequest(), data: { projectId: 'not-a-uuid' } };

    await expect(
      handleOnce(replicaA, key, async (tx, outbox) => {
        await increment(tx, key.messageId);
        await outbox.add(broken);
      }),
    ).rejects.toBeInstanceOf(InvalidMessageError);
    await expect(
      withOutbox(replicaA, (_tx, outbox) =>
        outbox.add({ ...aCancelRequest(), type: 'agentbus.workflow.v1.nothing.happened' }),
      ),
    ).rejects.toThrow(/no contract for "agentbus.workflow.v1.nothing.happened"/);

    expect(await inboxHas(key.messageId)).toBe(false);
    expect(await counterValue(replicaA, key.messageId)).toBe(0);
  });

  it('refuses a message id that is not a uuid as a permanent failure', async () => {
    await expect(
      handleOnce(replicaA, { consumer, messageId: 'abc' }, async () => undefined),
    ).rejects.toBeInstanceOf(PermanentError);
  });

  it('surfaces a deadlock as RetryableError and rolls the loser back', async () => {
    const [x, y] = [`x-${newMessageId()}`, `y-${newMessageId()}`];
    await withOutbox(replicaA, async (tx) => {
      await increment(tx, x);
      await increment(tx, y);
    });
    const bothLocked = [deferred(), deferred()] as const;
    const keys = [aKey(), aKey()] as const;
    // Each transaction locks one counter, waits until the other has locked the other, then
    // reaches for it: a textbook deadlock that Postgres breaks by failing one of them.
    const lockInOrder = (replica: DataSource, index: 0 | 1, first: string, second: string) =>
      handleOnce(replica, keys[index], async (tx) => {
        await increment(tx, first);
        bothLocked[index].resolve();
        await Promise.all(bothLocked.map((d) => d.promise));
        await increment(tx, second);
      });

    const outcomes = await Promise.allSettled([
      lockInOrder(replicaA, 0, x, y),
      lockInOrder(replicaB, 1, y, x),
    ]);

    const rejected = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [[o.reason, i]] : []));
    expect(rejected).toHaveLength(1);
    const [[reason, loser]] = rejected as [[unknown, 0 | 1]];
    expect(reason).toBeInstanceOf(RetryableError);
    expect(((reason as RetryableError).cause as { code?: string }).code).toBe('40P01');
    expect(await inboxHas(keys[loser].messageId)).toBe(false);
    expect(await inboxHas(keys[loser === 0 ? 1 : 0].messageId)).toBe(true);
  });

  it('surfaces a lost connection as RetryableError, and the pool recovers', async () => {
    const key = aKey();

    const lost = handleOnce(replicaA, key, async (tx) => {
      await increment(tx, key.messageId);
      await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
    });

    await expect(lost).rejects.toBeInstanceOf(RetryableError);
    expect(await inboxHas(key.messageId)).toBe(false);
    expect(await handleOnce(replicaA, key, (tx) => increment(tx, key.messageId))).toEqual({
      duplicate: false,
      result: undefined,
    });
  });

  it('passes other database errors through unchanged', async () => {
    const failing = handleOnce(replicaA, aKey(), (tx) => tx.query('SELECT * FROM no_such_table'));

    await expect(failing).rejects.toMatchObject({ code: '42P01' }); // undefined_table, as pg raised it
    await expect(failing).rejects.not.toBeInstanceOf(RetryableError);
  });
});

describe(withOutbox.name, () => {
  const schema = randomTestName();
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openTestDataSource(schema);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await dropSchema(schema);
  });

  it('commits state and outgoing messages together, or neither', async () => {
    const kept = aCancelRequest();
    const dropped = aCancelRequest();

    await withOutbox(dataSource, async (tx, outbox) => {
      await increment(tx, 'http-command');
      await outbox.add(kept);
    });
    await expect(
      withOutbox(dataSource, async (tx, outbox) => {
        await increment(tx, 'http-command');
        await outbox.add(dropped);
        throw new Error('validation failed late');
      }),
    ).rejects.toThrow('validation failed late');

    expect(await counterValue(dataSource, 'http-command')).toBe(1);
    expect((await outboxRows(dataSource)).map((row) => row.id)).toEqual([kept.id]);
  });
});
