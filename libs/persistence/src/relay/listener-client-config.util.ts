import { type ClientConfig } from 'pg';
import { type DataSource } from 'typeorm';

/** node-postgres settings for a connection of its own, taken from a Postgres {@link DataSource}. */
export function listenerClientConfig(dataSource: DataSource, purpose: string): ClientConfig {
  const { options } = dataSource;
  if (options.type !== 'postgres') throw new Error('expected a Postgres DataSource');
  const extra = (options.extra ?? {}) as ClientConfig;
  const config: ClientConfig = {
    ...(options.url === undefined ? {} : { connectionString: options.url }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.username === undefined ? {} : { user: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
    ...(options.database === undefined ? {} : { database: options.database }),
    // TypeORM types `ssl` as node's TlsOptions; pg passes the same object to tls.connect.
    ...(options.ssl === undefined ? {} : { ssl: options.ssl as ClientConfig['ssl'] }),
    ...(options.connectTimeoutMS === undefined
      ? {}
      : { connectionTimeoutMillis: options.connectTimeoutMS }),
    ...extra,
    keepAlive: true, // notice a dead peer instead of listening to nothing forever
    application_name: `${options.applicationName ?? 'agentbus'}-${purpose}`,
  };
  return config;
}
