import { errorCode } from '../errors/error-code.util';

// Postgres is down, restarting or full: worth another attempt. A wrong password, database or
// host name is a misconfiguration that no wait repairs, so it fails at once.
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
  '57P01', // admin shutdown
  '57P02', // crash shutdown
  '57P03', // starting up
  '53300', // too many connections
]);

/** Whether a failed connect (or a connection lost while migrating) may succeed if tried again. */
export function isTransientConnectError(error: unknown): boolean {
  const code = errorCode(error);
  if (code !== undefined) return TRANSIENT_CODES.has(code);
  const message = error instanceof Error ? error.message : String(error);
  return /connection terminated|timeout exceeded when trying to connect|ECONNRESET/i.test(message);
}
