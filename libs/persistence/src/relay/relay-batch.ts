import { type DataSource, type QueryRunner } from 'typeorm';
import { qualifiedName } from '../data-source/qualified-name.util';
import { type OutboxMessage, type PublishOutboxMessage } from './outbox-message';
import { withTimeout } from '../util/with-timeout.util';
import { type SentRows, settleSentSql } from '../outbox/sent-rows';

/** How one batch went. */
export interface BatchOutcome {
  /** Another relay holds the schema's publishing lock; nothing was claimed. */
  readonly busy: boolean;
  readonly claimed: number;
  readonly published: number;
  /** Unsent rows younger than `minAgeMs` were left for their writer to publish. */
  readonly deferred?: boolean;
  /** The row whose publish failed; rows after it in the batch were left for the next batch. */
  readonly failure?: { readonly id: string; readonly error: unknown };
}

/** Limits for {@link relayBatch}. */
export interface BatchOptions {
  readonly limit: number;
  readonly publishTimeoutMs: number;
  /** Skip rows younger than this (their writer publishes them directly); default 0. */
  readonly minAgeMs?: number;
  /** Mark published rows sent (default) or delete them. */
  readonly sentRows?: SentRows;
}

const LAST_ERROR_MAX_LENGTH = 2_000;

/**
 * Publishes up to `limit` unsent rows in `seq` order within one transaction, then marks them sent
 * or deletes them (`sentRows`).
 *
 * - The rows are claimed `FOR UPDATE SKIP LOCKED`, so no two relays ever hold the same row.
 * - Relays of one schema also take turns on a transaction-level advisory lock: a second replica
 *   would otherwise publish the rows after the first one's batch at the same time, out of order.
 *   Replicas therefore act as hot standbys; a crashed holder's lock dies with its connection.
 * - A crash between publish and commit leaves the rows unsent; they are published again with the
 *   same id and JetStream's duplicate window drops the copy.
 * - On a failed publish the rows before it are marked sent, the failure is recorded on its row,
 *   and the batch ends there, so the next attempt starts with the same row and order is kept.
 */
export async function relayBatch(
  dataSource: DataSource,
  schema: string,
  publish: PublishOutboxMessage,
  options: BatchOptions,
): Promise<BatchOutcome> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction('READ COMMITTED');
    const outcome = await publishClaimedRows(runner, schema, publish, options);
    await runner.commitTransaction();
    return outcome;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

async function publishClaimedRows(
  runner: QueryRunner,
  schema: string,
  publish: PublishOutboxMessage,
  options: BatchOptions,
): Promise<BatchOutcome> {
  const outbox = qualifiedName(schema, 'outbox');
  const [lock] = (await runner.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [
    `agentbus.outbox-relay.${schema}`,
  ])) as { locked: boolean }[];
  if (!lock?.locked) return { busy: true, claimed: 0, published: 0 };

  const minAgeMs = options.minAgeMs ?? 0;
  const rows = (await runner.query(
    `SELECT id, subject, envelope, headers,
       $2 > 0 AND created_at > clock_timestamp() - $2 * interval '1 millisecond' AS fresh
     FROM ${outbox}
     WHERE sent_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [options.limit, minAgeMs],
  )) as (OutboxMessage & { fresh: boolean })[];
  // Order is kept: the batch stops at the first row still young enough for its writer to send.
  const firstFresh = rows.findIndex((row) => row.fresh);
  const deferred = firstFresh >= 0;
  if (deferred) rows.splice(firstFresh);
  for (const row of rows) delete (row as { fresh?: boolean }).fresh;
  const sent: string[] = [];
  let failure: BatchOutcome['failure'];
  for (const row of rows) {
    try {
      await withTimeout(publish(row), options.publishTimeoutMs, `publishing ${row.id}`);
      sent.push(row.id);
    } catch (error) {
      failure = { id: row.id, error };
      break;
    }
  }
  if (sent.length > 0) {
    await runner.query(settleSentSql(outbox, options.sentRows ?? 'keep', false), [sent]);
  }
  if (failure !== undefined) {
    const reason = failure.error instanceof Error ? failure.error.message : String(failure.error);
    await runner.query(
      `UPDATE ${outbox} SET publish_attempts = publish_attempts + 1, last_error = $2 WHERE id = $1`,
      [failure.id, reason.slice(0, LAST_ERROR_MAX_LENGTH)],
    );
  }
  const outcome = { busy: false, claimed: rows.length, published: sent.length, deferred };
  return failure === undefined ? outcome : { ...outcome, failure };
}
