import { type Envelope } from '@agentbus/contracts';
import { type OutboxMessage, type RelaySource } from '@agentbus/persistence';
import { ENVELOPE_SOURCE } from '../workflow-messages';

/**
 * The workflow `events` log as the outbox of the events it holds (migration 1766800000200): a
 * decision's commit writes each event once, as its `events` row plus a 16-byte
 * `unpublished_events` entry; the committing process publishes it and deletes the entry on the
 * ack, and the relay republishes whatever a crash or a failed publish left (same id, so JetStream
 * drops a copy that did get through). Replicas take turns on the relay's advisory lock and claim
 * entries `SKIP LOCKED`, like the outbox's.
 */
export const EVENTS_RELAY_SOURCE: RelaySource = {
  name: 'events',
  claimSql: `SELECT e.id, e.type, e.project_id, e.data, e.created_at, u.causation_id,
       $2 > 0 AND e.created_at > clock_timestamp() - $2 * interval '1 millisecond' AS fresh
     FROM unpublished_events u JOIN events e ON e.id = u.event_id
     ORDER BY e.seq LIMIT $1 FOR UPDATE OF u SKIP LOCKED`,
  messageOf: (row) => eventMessage(row),
  settleSql: () => 'DELETE FROM unpublished_events WHERE event_id = ANY($1::uuid[])',
};

/** The envelope an `events` row holds: the fields `envelopeOf` wrote, read back. */
function eventMessage(row: Record<string, unknown>): OutboxMessage {
  const causationId = row['causation_id'] as string | null;
  const envelope: Envelope = {
    id: row['id'] as string,
    type: row['type'] as string,
    source: ENVELOPE_SOURCE,
    time: (row['created_at'] as Date).toISOString(),
    correlationId: row['project_id'] as string,
    ...(causationId === null ? {} : { causationId }),
    data: row['data'],
  };
  return { id: envelope.id, subject: envelope.type, envelope, headers: {} };
}
