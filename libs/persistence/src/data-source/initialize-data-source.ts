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

function connectTargetOf(dataSource: DataSource): ConnectTarget {
  const options = dataSource.options.type === 'postgres' ? dataSource.options : undefined;
  let url: URL | undefined;
  try {
    url = options?.url === undefined ? undefined : new URL(options.url);
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
