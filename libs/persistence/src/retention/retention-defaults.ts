import { ALL_STREAMS } from '@agentbus/contracts';

const DAY_MS = 86_400_000;
const longestStreamAgeMs = Math.max(...ALL_STREAMS.map((stream) => stream.maxAgeMs));

/**
 * Default retention (DESIGN §17).
 * - `outboxSentMs` 7 days: a sent row is only kept for inspection; unsent rows are never pruned.
 * - `inboxMs`: the longest stream `max_age` plus 7 days (37 days today). An inbox row must outlive
 *   every possible redelivery or replay of its message, or a replay would apply it again.
 * - `batchSize` 1000 rows per DELETE, so pruning never holds long locks or bloats one transaction.
 */
export const RETENTION_DEFAULTS = Object.freeze({
  outboxSentMs: 7 * DAY_MS,
  inboxMs: longestStreamAgeMs + 7 * DAY_MS,
  batchSize: 1_000,
});
