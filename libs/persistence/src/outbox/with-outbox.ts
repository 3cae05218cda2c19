import { faultPoint } from '@agentbus/config';
import { type DataSource, type EntityManager } from 'typeorm';
import { schemaOf } from '../data-source/schema-of.util';
import { asRetryableIfTransient } from '../errors/as-retryable-if-transient.util';
import { inPipelinedTransaction, type PipelinedTx, type SqlTx } from '../tx/sql-tx';
import { directPublisherOf } from './direct-publisher';
import { type OutboxWriter, TransactionalOutbox } from './outbox-writer';

/** A state change plus the messages it causes, run inside one transaction. */
export type OutboxWork<T> = (tx: EntityManager, outbox: OutboxWriter) => Promise<T>;

/** The same, on a {@link SqlTx} whose writes can be deferred to share round trips. */
export type SqlOutboxWork<T> = (tx: SqlTx, outbox: OutboxWriter) => Promise<T>;

/**
 * Runs `work` in one READ COMMITTED transaction with an {@link OutboxWriter}: state and outgoing
 * messages commit together or not at all. Once committed, the messages are published at once by
 * this process when the DataSource has a direct publisher (the relay covers a crash), else the
 * commit's NOTIFY wakes the relay. For changes not caused by a message (an HTTP command); handlers
 * use `handleOnce`. Transient database failures surface as `RetryableError`, everything else
 * unchanged.
 */
export function withOutbox<T>(dataSource: DataSource, work: OutboxWork<T>): Promise<T> {
  return outboxTransaction(
    dataSource,
    (body) => dataSource.transaction('READ COMMITTED', body),
    work,
  );
}

/**
 * {@link withOutbox} on a pipelined transaction (`PipelinedTx`): the hot path of message handlers,
 * where deferred writes, the outbox rows and COMMIT share one round trip.
 */
export function withPipelinedOutbox<T>(
  dataSource: DataSource,
  work: (tx: PipelinedTx, outbox: TransactionalOutbox) => Promise<T>,
): Promise<T> {
  return outboxTransaction(dataSource, (body) => inPipelinedTransaction(dataSource, body), work);
}

async function outboxTransaction<Tx extends EntityManager | SqlTx, T>(
  dataSource: DataSource,
  transaction: (body: (tx: Tx) => Promise<T>) => Promise<T>,
  work: (tx: Tx, outbox: TransactionalOutbox) => Promise<T>,
): Promise<T> {
  const schema = schemaOf(dataSource);
  const direct = directPublisherOf(dataSource);
  let outbox: TransactionalOutbox | undefined;
  try {
    const result = await transaction(async (tx) => {
      outbox = new TransactionalOutbox(tx, schema);
      const value = await work(tx, outbox);
      if (!direct) await outbox.notifyRelay();
      return value;
    });
    // Committed, nothing published yet: the crash window the relays exist for.
    faultPoint('after-commit-before-publish');
    if (direct && outbox) direct.send(outbox.messages);
    return result;
  } catch (error) {
    throw asRetryableIfTransient(error);
  }
}
