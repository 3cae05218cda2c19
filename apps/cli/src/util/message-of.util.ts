/**
 * An error's message. Duck-typed: errors from Node internals (undici) may come from another realm
 * (jest's VM), where `instanceof Error` is false.
 */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message !== '' ? message : String(error);
}
