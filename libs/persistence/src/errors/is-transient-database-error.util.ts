import { errorChain } from './error-chain.util';
import { errorCode } from './error-code.util';

// SQLSTATEs that a retry of the whole transaction can cure
// (https://www.postgresql.org/docs/current/errcodes-appendix.html).
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available (lock_timeout)
  '57014', // query_canceled (statement_timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);
// Class 08: connection exceptions.
const TRANSIENT_SQLSTATE_CLASSES = ['08'];
// The socket went away under node-postgres.
const TRANSIENT_NODE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
// node-postgres reports a dropped connection or an exhausted pool without any code.
const LOST_CONNECTION = [
  /Connection terminated/i,
  /terminating connection/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
];

/**
 * True for failures worth retrying the whole transaction: serialization failures, deadlocks, lock
 * and statement timeouts, and lost or refused connections. Everything else is a bug or bad input.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = errorCode(error);
  if (code !== undefined) {
    if (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_NODE_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2))) {
      return true;
    }
  }
  return errorChain(error).some(
    (link) =>
      link instanceof Error && LOST_CONNECTION.some((pattern) => pattern.test(link.message)),
  );
}
