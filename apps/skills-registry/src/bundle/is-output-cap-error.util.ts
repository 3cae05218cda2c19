/**
 * Whether zlib stopped at `maxOutputLength`. By code, not `instanceof RangeError`: the error is
 * made by Node's own realm, which is not the caller's under a test VM.
 */
export const isOutputCapError = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE';
