/**
 * What happens to an outbox row once JetStream has stored its message:
 * - `keep`: it stays, marked `sent_at`, until retention deletes it (7 days by default), so the
 *   outbox doubles as a record of what the service sent;
 * - `delete`: it is deleted at once. A DELETE writes ~15× less WAL than the mark (the UPDATE
 *   copies the whole row, envelope included, and adds two index entries: the sent_at columns
 *   are indexed, so it cannot be a HOT update) and retention has nothing left to delete later.
 *
 * Either way a row is only ever removed or marked after its publish was acked, so a lost mark or
 * delete (a crash before it commits) leaves the row unsent: the relay publishes it again with the
 * same id and JetStream's duplicate window, then the consumers' inbox, drop the copy.
 */
export const SENT_ROWS = ['keep', 'delete'] as const;
export type SentRows = (typeof SENT_ROWS)[number];

/**
 * The statement that settles the published rows `$1` (a uuid[]). `onlyUnsent` skips rows already
 * marked, so a second settle (the relay after the direct publisher) does not count an attempt twice.
 */
export function settleSentSql(outbox: string, sentRows: SentRows, onlyUnsent: boolean): string {
  const unsent = onlyUnsent ? ' AND sent_at IS NULL' : '';
  return sentRows === 'delete'
    ? `DELETE FROM ${outbox} WHERE id = ANY($1::uuid[])`
    : `UPDATE ${outbox} SET sent_at = clock_timestamp(), publish_attempts = publish_attempts + 1
       WHERE id = ANY($1::uuid[])${unsent}`;
}
