import { type DataSource } from 'typeorm';
import { qualifiedName } from '../data-source/qualified-name.util';
import { schemaOf } from '../data-source/schema-of.util';
import { deleteInBatches } from './delete-in-batches';
import { RETENTION_DEFAULTS } from './retention-defaults';

/** Options for {@link pruneOutbox} and {@link pruneInbox}. */
export interface PruneOptions {
  /** Rows older than this go; defaults per {@link RETENTION_DEFAULTS}. */
  readonly olderThan?: Date;
  /** Rows per DELETE; default 1000. */
  readonly batchSize?: number;
}

/** Deletes outbox rows sent before `olderThan` (default 7 days ago); never unsent ones. */
export async function pruneOutbox(
  dataSource: DataSource,
  options: PruneOptions = {},
): Promise<number> {
  const outbox = qualifiedName(schemaOf(dataSource), 'outbox');
  const cutoff = options.olderThan ?? new Date(Date.now() - RETENTION_DEFAULTS.outboxSentMs);
  return deleteInBatches(
    dataSource,
    `DELETE FROM ${outbox} WHERE id IN (
       SELECT id FROM ${outbox} WHERE sent_at IS NOT NULL AND sent_at < $1 ORDER BY sent_at LIMIT $2)`,
    [cutoff],
    options.batchSize ?? RETENTION_DEFAULTS.batchSize,
  );
}

/** Deletes inbox rows processed before `olderThan` (default: longest stream age + 7 days). */
export async function pruneInbox(
  dataSource: DataSource,
  options: PruneOptions = {},
): Promise<number> {
  const inbox = qualifiedName(schemaOf(dataSource), 'inbox');
  const cutoff = options.olderThan ?? new Date(Date.now() - RETENTION_DEFAULTS.inboxMs);
  return deleteInBatches(
    dataSource,
    `DELETE FROM ${inbox} WHERE (consumer, message_id) IN (
       SELECT consumer, message_id FROM ${inbox} WHERE processed_at < $1
       ORDER BY processed_at LIMIT $2)`,
    [cutoff],
    options.batchSize ?? RETENTION_DEFAULTS.batchSize,
  );
}
