import { z } from 'zod';
import { type KeyLimitOverrides } from '../rate-limits/key-limits';
import { type ApiKeyState, apiKeyStateOf } from './api-key-state.util';
import { ROLES } from './role';

/** The columns every lifecycle query returns, with the database's `now()` to judge them by. */
export const API_KEY_COLUMNS = `id, name, role, left(key_sha256, 12) AS fingerprint, created_at,
  created_by, expires_at, last_used_at, revoked_at, revoked_by, replaced_by, grace_until,
  rate_per_minute, rate_burst, projects_in_flight, workspaces, now() AS now`;

/** One `api_keys` row as {@link API_KEY_COLUMNS} selects it. */
export const ApiKeyRow = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(ROLES),
  fingerprint: z.string(),
  created_at: z.date(),
  created_by: z.string().nullable(),
  expires_at: z.date().nullable(),
  last_used_at: z.date().nullable(),
  revoked_at: z.date().nullable(),
  revoked_by: z.string().nullable(),
  replaced_by: z.uuid().nullable(),
  grace_until: z.date().nullable(),
  rate_per_minute: z.number().int().nullable(),
  rate_burst: z.number().int().nullable(),
  projects_in_flight: z.number().int().nullable(),
  workspaces: z.array(z.string()),
  now: z.date(),
});
export type ApiKeyRow = z.infer<typeof ApiKeyRow>;

/** The row's state by the database's clock at the time of the query. */
export const stateOfRow = (row: ApiKeyRow): ApiKeyState =>
  apiKeyStateOf(
    {
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      replacedBy: row.replaced_by,
      graceUntil: row.grace_until,
    },
    row.now,
  );

/** The limits the key sets itself (null: the configured default). */
export const limitOverridesOfRow = (row: ApiKeyRow): KeyLimitOverrides => ({
  requestsPerMinute: row.rate_per_minute,
  burst: row.rate_burst,
  projectsInFlight: row.projects_in_flight,
});
