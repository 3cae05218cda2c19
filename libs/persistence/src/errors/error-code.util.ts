import { errorChain } from './error-chain.util';

/**
 * The first `code` in an error chain: a SQLSTATE such as `40001` from Postgres, or a Node socket
 * code such as `ECONNRESET`.
 */
export function errorCode(error: unknown): string | undefined {
  for (const link of errorChain(error)) {
    const code = (link as { code?: unknown } | null)?.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
