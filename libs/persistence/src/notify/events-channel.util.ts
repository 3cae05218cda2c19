/**
 * The LISTEN/NOTIFY channel on which a commit that appends workflow `events` to `schema` names the
 * projects it touched (the orchestrator's trigger sends; the gateway's SSE feed listens).
 */
export const eventsChannel = (schema: string): string => `${schema}_events`;

/** Payload of an {@link eventsChannel} notification meaning "some projects; read them all". */
export const WAKE_ALL_PAYLOAD = '';

/** The project ids an {@link eventsChannel} payload names, or `'all'` for an empty payload. */
export function projectsOfEventsPayload(payload: string | undefined): readonly string[] | 'all' {
  if (payload === undefined || payload === WAKE_ALL_PAYLOAD) return 'all';
  return payload.split(',').filter((id) => id !== '');
}
