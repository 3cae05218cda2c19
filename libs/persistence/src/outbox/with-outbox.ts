import { type DataSource, type EntityManager } from 'typeorm';
import { schemaOf } from '../data-source/schema-of.util';
import { asRetryableIfTransient } from '../errors/as-retryable-if-transient.util';
import { type OutboxWriter, TransactionalOutbox } from './outbox-writer';

/** A state change plus the messages it causes, run inside one transaction. */
export type OutboxWork<T> = (tx: EntityManager, outbox: OutboxWriter) => Promise<T>;

/**
 * Runs `work` in one READ COMMITTED transaction with an {@link OutboxWriter}: state and outgoing
 * messages commit together or not at all, and the commit wakes the relay. For changes not caused
 * by a message (an HTTP command); handlers use {@link handleOnce}. Transient database failures
 * surface as `RetryableError`, everything else unchanged.
 */
export async function withOutbox<T>(dataSource: DataSource, work: OutboxWork<T>): Promise<T> {
  const schema = schemaOf(dataSource);
  try {
    return await dataSource.transaction('READ COMMITTED', async (tx) => {
      const outbox = new TransactionalOutbox(tx, schema);
      const result = await work(tx, outbox);
      await outbox.notifyRelay();
      return result;
    });
  } catch (error) {
    throw asRetryableIfTransient(error);
  }
}
