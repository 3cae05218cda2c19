/**
 * The system error code behind a failed fetch (`ECONNREFUSED`, `ENOTFOUND`, …). undici wraps it:
 * `TypeError('fetch failed')` with the socket error as `cause`, and on Node 22+ an AggregateError
 * when every address of a host name was refused.
 */
export function networkErrorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && code !== '') return code;
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const found = networkErrorCode(inner, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return networkErrorCode(cause, depth + 1);
}
