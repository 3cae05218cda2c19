const TOKENS = new Intl.NumberFormat('en-US');

/** `12,345 tokens`. */
export const formatTokens = (tokens: number): string => `${TOKENS.format(tokens)} tokens`;

/** `$0.0123` below a dollar (LLM stages are cheap), `$12.34` above. */
export const formatUsd = (usd: number): string => `$${usd.toFixed(usd < 1 ? 4 : 2)}`;

/** `850ms`, `12.3s`, `2m05s`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1_000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** `2025-11-27 10:00` in UTC: short, sortable, the same on every machine. */
export const formatTime = (iso: string): string =>
  Number.isNaN(Date.parse(iso)) ? iso : new Date(iso).toISOString().slice(0, 16).replace('T', ' ');
