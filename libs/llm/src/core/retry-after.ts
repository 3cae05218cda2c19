/** The part of fetch's `Headers` we read; both SDKs attach one to their errors. */
export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * How long the server asked us to wait, from `retry-after-ms` (OpenAI, Anthropic) or `retry-after`
 * (seconds or an HTTP date); undefined when it did not say or said something unreadable.
 */
export function retryAfterMs(
  headers: HeaderReader | undefined,
  now = Date.now(),
): number | undefined {
  const millis = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(millis) && millis >= 0) return Math.ceil(millis);
  const raw = headers?.get('retry-after')?.trim();
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
