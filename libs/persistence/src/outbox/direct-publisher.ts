import { type DataSource } from 'typeorm';
import { qualifiedName } from '../data-source/qualified-name.util';
import { type OutboxMessage, type PublishOutboxMessage } from '../relay/outbox-message';
import { type RelayLogger } from '../relay/relay-logger';
import { type RelaySource } from '../relay/relay-source';
import { inPipelinedTransaction } from '../tx/sql-tx';
import { type SentRows, settleSentSql } from './sent-rows';

/** A committed message to publish; `source` holds it when it is not an outbox row. */
export interface CommittedMessage {
  readonly message: OutboxMessage;
  readonly source?: RelaySource;
}

const MARK_BATCH = 500;
/** Acks gather this long before one statement settles them (the relay waits far longer: `minAgeMs`). */
const MARK_DELAY_MS = 25;

/**
 * Publishes a transaction's outbox rows from the process that committed them, right after the
 * commit, instead of waiting for the relay's NOTIFY → claim → publish → mark round trips. Rows are
 * sent in commit order without waiting for one another's acks; the ones JetStream stored are marked
 * sent or deleted ({@link SentRows}) in coalesced statements. A row whose publish fails, or whose process dies first, stays unsent
 * and the relay publishes it once it is older than the relay's `minAgeMs` (same id: JetStream's
 * duplicate window drops a copy that did get through).
 */
export class DirectPublisher {
  private readonly settleSql: string;
  // Acked ids by the statement that settles them (the outbox's, or another source's).
  private toMark = new Map<string, string[]>();
  private marking: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
    private readonly publish: PublishOutboxMessage,
    private readonly logger: RelayLogger,
    sentRows: SentRows = 'keep',
  ) {
    this.settleSql = settleSentSql(qualifiedName(schema, 'outbox'), sentRows, true);
  }

  /** Publishes committed rows; never throws (the relay is the fallback). */
  send(messages: readonly CommittedMessage[]): void {
    for (const { message, source } of messages) {
      const settleSql = source === undefined ? this.settleSql : source.settleSql(true);
      const publishing = this.publish(message).then(
        () => this.markSent(settleSql, message.id),
        (error: unknown) =>
          this.logger.warn(
            `direct publish of outbox row ${message.id} failed (${error instanceof Error ? error.message : String(error)}); the relay will retry it`,
          ),
      );
      this.inFlight.add(publishing);
      void publishing.finally(() => this.inFlight.delete(publishing));
    }
  }

  /** Waits for publishes in flight and the marks they queued (shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    while (this.marking !== undefined) await this.marking;
  }

  private markSent(settleSql: string, id: string): void {
    const ids = this.toMark.get(settleSql);
    if (ids === undefined) this.toMark.set(settleSql, [id]);
    else ids.push(id);
    this.marking ??= new Promise<void>((resolve) => setTimeout(resolve, MARK_DELAY_MS)).then(() =>
      this.flushMarks(),
    );
  }

  // One statement per batch of acks; acks arriving meanwhile join the next batch. The commit does not
  // wait for its WAL flush (synchronous_commit off): a mark or delete lost in a Postgres crash only
  // makes the relay publish the row again, and JetStream drops the copy — not worth an fsync per batch.
  private async flushMarks(): Promise<void> {
    try {
      while (this.toMark.size > 0) {
        // Every source's batch in one transaction (one round trip, one commit).
        const batches = [...this.toMark].map(([sql, ids]) => ({
          sql,
          ids: ids.splice(0, MARK_BATCH),
        }));
        for (const [sql, ids] of this.toMark) if (ids.length === 0) this.toMark.delete(sql);
        const count = batches.reduce((sum, batch) => sum + batch.ids.length, 0);
        try {
          await inPipelinedTransaction(this.dataSource, async (tx) => {
            tx.defer('SET LOCAL synchronous_commit = off');
            for (const { sql, ids } of batches) tx.defer(sql, [ids]);
          });
        } catch (error) {
          // Unmarked rows are republished by the relay later; JetStream drops the duplicates.
          this.logger.warn(
            `settling ${count} sent outbox rows failed (${error instanceof Error ? error.message : String(error)})`,
          );
        }
      }
    } finally {
      this.marking = undefined;
    }
  }
}

const publishers = new WeakMap<DataSource, DirectPublisher>();

/** Makes every outbox transaction on `dataSource` publish its rows right after it commits. */
export function enableDirectPublish(dataSource: DataSource, publisher: DirectPublisher): void {
  publishers.set(dataSource, publisher);
}

/** Stops publishing directly (shutdown); rows committed afterwards are left to the relay. */
export function disableDirectPublish(dataSource: DataSource): DirectPublisher | undefined {
  const publisher = publishers.get(dataSource);
  publishers.delete(dataSource);
  return publisher;
}

/** The direct publisher of `dataSource`, if enabled. */
export const directPublisherOf = (dataSource: DataSource): DirectPublisher | undefined =>
  publishers.get(dataSource);
