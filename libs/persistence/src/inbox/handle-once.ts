import { PermanentError } from '@agentbus/contracts';
import { type DataSource } from 'typeorm';
import { qualifiedName } from '../data-source/qualified-name.util';
import { schemaOf } from '../data-source/schema-of.util';
import { type SqlOutboxWork, withPipelinedOutbox } from '../outbox/with-outbox';

/** Which consumer is handling which message. */
export interface InboxKey {
  /** The durable consumer name, e.g. `orch-stage-completed`. */
  readonly consumer: string;
  /** The envelope id. */
  readonly messageId: string;
}

/** Either the message had been handled before, or this call applied it and `result` is `work`'s. */
export type HandleOnceResult<T> =
  { readonly duplicate: true } | { readonly duplicate: false; readonly result: T };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Thrown inside the transaction when the inbox already holds the message; never escapes. */
class AlreadyHandled extends Error {}

/**
 * Applies a message's effect exactly once (DESIGN §6): one transaction records the message in the
 * inbox, runs `work` (state change plus {@link OutboxWriter} messages) and commits them together.
 * If the inbox already holds the message, nothing commits and the caller just acks.
 *
 * The inbox row is written first with `INSERT … ON CONFLICT DO NOTHING`. Under READ COMMITTED
 * that statement waits for a concurrent transaction holding the same key: if the other commits we
 * get no row (a duplicate); if it rolls back our insert goes ahead and we apply the effect. A plain
 * INSERT would also wait, but reports a duplicate as a unique violation that aborts the
 * transaction and must be told apart from the handler's own violations; a SELECT-then-INSERT
 * would let both copies through.
 *
 * The insert rides with `work`'s first read in one round trip (pipelined); a duplicate is known
 * when that round trip returns, and `work` is abandoned before anything commits.
 *
 * A connection lost during COMMIT leaves the outcome unknown; the resulting `RetryableError` leads
 * to a redelivery, which the inbox answers as a duplicate if the commit did happen.
 */
export async function handleOnce<T>(
  dataSource: DataSource,
  key: InboxKey,
  work: SqlOutboxWork<T>,
): Promise<HandleOnceResult<T>> {
  if (!UUID.test(key.messageId)) {
    throw new PermanentError(`message id "${key.messageId}" is not a uuid`);
  }
  const inbox = qualifiedName(schemaOf(dataSource), 'inbox');
  try {
    const result = await withPipelinedOutbox(dataSource, async (tx, outbox) => {
      tx.deferChecked(
        `INSERT INTO ${inbox} (consumer, message_id) VALUES ($1, $2)
         ON CONFLICT (consumer, message_id) DO NOTHING RETURNING 1`,
        [key.consumer, key.messageId],
        (rows) => {
          if (rows.length === 0) throw new AlreadyHandled();
        },
      );
      return work(tx, outbox);
    });
    return { duplicate: false, result };
  } catch (error) {
    if (error instanceof AlreadyHandled) return { duplicate: true };
    throw error;
  }
}
