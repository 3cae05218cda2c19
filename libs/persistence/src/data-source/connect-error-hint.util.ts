import { errorCode } from '../errors/error-code.util';

/** Where a connection was attempted, without the password. */
export interface ConnectTarget {
  readonly host: string;
  readonly port: string;
  readonly database: string;
  readonly user: string;
}

/**
 * What to check after a failed connect, or undefined when `error` is not a connection problem
 * (e.g. a broken entity definition, which must surface unchanged).
 */
export function connectErrorHint(error: unknown, target: ConnectTarget): string | undefined {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const at = `${target.host}:${target.port}`;
  switch (code ?? '') {
    case 'ECONNREFUSED':
      return `nothing listens on ${at}: check the host and port in the URL and that Postgres is running`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host "${target.host}" does not resolve: check the host in the URL`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${at} is unreachable: check the host and port in the URL, the network, and that Postgres is running`;
    case '28P01':
    case '28000':
      return `Postgres rejected user "${target.user}": check the user and password in the URL (and pg_hba.conf)`;
    case '3D000':
      return `database "${target.database}" does not exist: check the database name in the URL`;
    case '57P03':
      return 'Postgres is starting up or shutting down: try again shortly';
    case '53300':
      return 'Postgres has no free connection slots: lower poolSize or raise max_connections';
    default:
      return /timeout|terminated|ECONNRESET/i.test(message)
        ? `no usable connection to ${at}: check the host and port in the URL and that Postgres is running`
        : undefined;
  }
}
