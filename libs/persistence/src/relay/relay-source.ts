import { qualifiedName } from '../data-source/qualified-name.util';
import { outboxChannel } from '../outbox/outbox-channel.util';
import { type SentRows, settleSentSql } from '../outbox/sent-rows';
import { type OutboxMessage } from './outbox-message';

/**
 * Where a relay finds committed, unpublished messages and how it settles them. The service's
 * `outbox` table is one ({@link outboxSource}); a table of the service's own whose rows already
 * hold the messages (e.g. the orchestrator's event log, with a small table of the rows still to
 * publish) is another, so a message is not written twice in one commit.
 */
export interface RelaySource {
  /** Names the source in logs, in its NOTIFY channel and in the lock its relays take turns on. */
  readonly name: string;
  /**
   * Up to `$1` unpublished messages in publish order, locked `FOR UPDATE SKIP LOCKED`, each with a
   * boolean `fresh`: younger than `$2` ms (left to the process that committed it).
   */
  readonly claimSql: string;
  /** The message a claimed row holds. */
  readonly messageOf: (row: Record<string, unknown>) => OutboxMessage;
  /** Settles the published messages whose ids are `$1` (uuid[]); must tolerate settled ones. */
  settleSql(onlyUnsent: boolean): string;
  /** Records a failed attempt on `$1` (id) with reason `$2`, if the source keeps one. */
  readonly failureSql?: string;
}

/** The relay channel of `source` in `schema` (the outbox keeps `<schema>_outbox`). */
export const sourceChannel = (schema: string, source: RelaySource): string =>
  source.name === OUTBOX ? outboxChannel(schema) : `${outboxChannel(schema)}_${source.name}`;

const OUTBOX = 'outbox';

/** The service's `outbox` table (DESIGN §6): rows with the whole envelope, marked or deleted. */
export function outboxSource(schema: string, sentRows: SentRows = 'keep'): RelaySource {
  const outbox = qualifiedName(schema, 'outbox');
  return {
    name: OUTBOX,
    claimSql: `SELECT id, subject, envelope, headers,
       $2 > 0 AND created_at > clock_timestamp() - $2 * interval '1 millisecond' AS fresh
     FROM ${outbox}
     WHERE sent_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
    messageOf: (row) => ({
      id: row['id'] as string,
      subject: row['subject'] as string,
      envelope: row['envelope'] as OutboxMessage['envelope'],
      headers: row['headers'] as OutboxMessage['headers'],
    }),
    settleSql: (onlyUnsent) => settleSentSql(outbox, sentRows, onlyUnsent),
    failureSql: `UPDATE ${outbox} SET publish_attempts = publish_attempts + 1, last_error = $2 WHERE id = $1`,
  };
}
