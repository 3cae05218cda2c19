// Synchronous URLs for module-level setup (the async resolvers of @agentbus/testing also start containers).

/** The Postgres to test against: `DATABASE_URL`, else the local default. */
export const databaseUrl = (): string =>
  process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The NATS server (JetStream enabled) to test against: `NATS_URL`, else the local default. */
export const natsUrl = (): string => process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
