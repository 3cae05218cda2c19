/** The LISTEN/NOTIFY channel on which commits wake the schema's outbox relay. */
export const outboxChannel = (schema: string): string => `${schema}_outbox`;
