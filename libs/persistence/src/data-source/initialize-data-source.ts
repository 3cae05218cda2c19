import { Client } from 'pg';
import { type DataSource } from 'typeorm';
import { type ConnectTarget, connectErrorHint } from './connect-error-hint.util';

/** A failed connect, with what to check in its message; the driver error is its `cause`. */
export class DatabaseConnectError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'DatabaseConnectError';
  }
}

/** Connects a {@link DataSource}; a connection failure becomes a {@link DatabaseConnectError}. */
export async function initializeDataSource(dataSource: DataSource): Promise<DataSource> {
  try {
    return await dataSource.initialize();
  } catch (error) {
    const target = connectTargetOf(dataSource);
    const hint = connectErrorHint(error, target);
    if (hint === undefined) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseConnectError(
      `cannot connect to Postgres at ${target.host}:${target.port}/${target.database} as ` +
        `${target.user} (${reason}): ${hint}`,
      { cause: error },
    );
  }
}

/**
 * Resolves when Postgres at `url` accepts a connection and answers `SELECT 1` within `timeoutMs`;
 * throws a {@link DatabaseConnectError} saying what to check otherwise. A service waits on this
 * before it opens its pool, so it can start while Postgres is still down.
 */
export async function probeDatabase(url: string, timeoutMs = 2_000): Promise<void> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  // An error after a failed connect (e.g. a reset while closing) must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const target = targetOfUrl(url, undefined);
    const hint =
      connectErrorHint(error, target) ?? 'check DATABASE_URL and that Postgres is running';
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseConnectError(
      `cannot connect to Postgres at ${target.host}:${target.port}/${target.database} (${reason}): ${hint}`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

function connectTargetOf(dataSource: DataSource): ConnectTarget {
  const options = dataSource.options.type === 'postgres' ? dataSource.options : undefined;
  return targetOfUrl(options?.url, options);
}

function targetOfUrl(
  raw: string | undefined,
  options: { host?: string; port?: number; database?: string; username?: string } | undefined,
): ConnectTarget {
  let url: URL | undefined;
  try {
    url = raw === undefined ? undefined : new URL(raw);
  } catch {
    url = undefined; // pg reports the malformed URL itself
  }
  return {
    host: url?.hostname || options?.host || 'localhost',
    port: url?.port || String(options?.port ?? 5432),
    database: url?.pathname.replace(/^\//, '') || options?.database || '(default)',
    user: decodeURIComponent(url?.username ?? '') || options?.username || '(default)',
  };
}
