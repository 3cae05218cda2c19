import { z } from 'zod';

// Client-side views of the gateway's /v1/api-keys answers: only what the CLI shows, lenient on
// additions (z.object drops unknown keys).

/** A key's limits: the effective ones, or its own overrides (null: the gateway's default). */
const Limits = z.object({
  requestsPerMinute: z.number().nullable(),
  burst: z.number().nullable(),
  projectsInFlight: z.number().nullable(),
});
export type KeyLimits = z.infer<typeof Limits>;

/** A key as `GET /v1/api-keys` lists it: never a secret. */
export const ApiKeySummary = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  fingerprint: z.string(),
  state: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullish(),
  lastUsedAt: z.string().nullish(),
  revokedAt: z.string().nullish(),
  replacedBy: z.string().nullish(),
  graceUntil: z.string().nullish(),
  // Optional: a gateway without rate limits does not send them.
  limits: Limits.nullish(),
  limitOverrides: Limits.nullish(),
});
export type ApiKeySummary = z.infer<typeof ApiKeySummary>;

export const ApiKeyList = z.object({ items: z.array(ApiKeySummary) });

/** `201` of `POST /v1/api-keys`: the secret, shown this once. */
export const ApiKeyCreated = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  key: z.string().min(1),
  fingerprint: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullish(),
  limits: Limits.nullish(),
  limitOverrides: Limits.nullish(),
});
export type ApiKeyCreated = z.infer<typeof ApiKeyCreated>;

/** `201` of `POST /v1/api-keys/:id/rotate`: the successor, and until when the old key works. */
export const ApiKeyRotated = ApiKeyCreated.extend({
  replaces: z.object({ id: z.string(), graceUntil: z.string() }),
});
export type ApiKeyRotated = z.infer<typeof ApiKeyRotated>;

/** Limits to set: a field left out keeps its value, null returns it to the default. */
export type KeyLimitsRequest = Partial<KeyLimits>;

/** A key's expiry as the gateway takes it: an instant or seconds from now. */
export interface KeyExpiryRequest {
  readonly expiresAt?: string;
  readonly ttlSeconds?: number;
}
