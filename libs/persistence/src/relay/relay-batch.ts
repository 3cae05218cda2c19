import { type DataSource, type QueryRunner } from 'typeorm';
import { type PublishOutboxMessage } from './outbox-message';
import { withTimeout } from '../util/with-timeout.util';
import { type SentRows } from '../outbox/sent-rows';
import { outboxSource, type RelaySource } from './relay-source';

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
  /** Mark published rows sent (default) or delete them (the outbox source only). */
  readonly sentRows?: SentRows;
  /** Where the unsent messages are; default the schema's outbox ({@link outboxSource}). */
  readonly source?: RelaySource;
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

/** The advisory lock a source's relays take turns on (the outbox keeps its key of before). */
const relayLockKey = (schema: string, source: RelaySource): string =>
  source.name === 'outbox'
    ? `agentbus.outbox-relay.${schema}`
    : `agentbus.outbox-relay.${schema}.${source.name}`;

async function publishClaimedRows(
  runner: QueryRunner,
  schema: string,
  publish: PublishOutboxMessage,
  options: BatchOptions,
): Promise<BatchOutcome> {
  const source = options.source ?? outboxSource(schema, options.sentRows ?? 'keep');
  const [lock] = (await runner.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [
    relayLockKey(schema, source),
  ])) as { locked: boolean }[];
  if (!lock?.locked) return { busy: true, claimed: 0, published: 0 };

  const minAgeMs = options.minAgeMs ?? 0;
  const claimed = (await runner.query(source.claimSql, [options.limit, minAgeMs])) as Record<
    string,
    unknown
  >[];
  // Order is kept: the batch stops at the first row still young enough for its writer to send.
  const firstFresh = claimed.findIndex((row) => row['fresh'] === true);
  const deferred = firstFresh >= 0;
  if (deferred) claimed.splice(firstFresh);
  const rows = claimed.map((row) => source.messageOf(row));
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
  if (sent.length > 0) await runner.query(source.settleSql(false), [sent]);
  if (failure !== undefined && source.failureSql !== undefined) {
    const reason = failure.error instanceof Error ? failure.error.message : String(failure.error);
    await runner.query(source.failureSql, [failure.id, reason.slice(0, LAST_ERROR_MAX_LENGTH)]);
  }
  const outcome = { busy: false, claimed: rows.length, published: sent.length, deferred };
  return failure === undefined ? outcome : { ...outcome, failure };
}
