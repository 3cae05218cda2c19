import { poolOf } from '@agentbus/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DataSource } from 'typeorm';
import { PreparedStatements } from '../database/prepared-statements';
import { ConflictError } from '../http/problem/problem.errors';
import { API_KEY_COLUMNS, ApiKeyRow } from './api-key.rows';
import { type KeyLimitOverrides } from '../rate-limits/key-limits';
import { type KeyExpiry } from './key-expiry.util';
import { type Principal } from './principal';
import { isRole, type Role } from './role';

interface KeyRow {
  id: string;
  name: string;
  role: string;
  valid_until: Date | null;
  rate_per_minute: number | null;
  rate_burst: number | null;
  workspaces: string[];
}

/** A key that authenticates now, and until when at most (expiry or end of rotation grace). */
export interface ActiveKey {
  readonly principal: Principal;
  readonly validUntil: Date | null;
}

/** What a new key is made of; only the hash of its secret is stored. */
export interface NewKey {
  readonly name: string;
  readonly role: Role;
  readonly keySha256: string;
  readonly expiry: KeyExpiry;
  readonly createdBy: string;
  readonly limits: KeyLimitOverrides;
  readonly workspaces: readonly string[];
}

/** The `api_keys` table (gateway schema): authentication, creation, the bootstrap admin. */
@Injectable()
export class ApiKeyRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly prepared: PreparedStatements,
  ) {}

  /** The key with this hash if it authenticates now: not revoked, expired, or past its grace. */
  async findActive(keySha256: string): Promise<ActiveKey | undefined> {
    const rows = await this.prepared.query<KeyRow>(
      `SELECT id, name, role, LEAST(expires_at, grace_until) AS valid_until, rate_per_minute,
              rate_burst, workspaces FROM api_keys
       WHERE key_sha256 = $1 AND revoked_at IS NULL
         AND (expires_at IS NULL OR expires_at > now())
         AND (grace_until IS NULL OR grace_until > now())`,
      [keySha256],
    );
    const row = rows[0];
    return row !== undefined && isRole(row.role)
      ? {
          principal: {
            keyId: row.id,
            name: row.name,
            role: row.role,
            workspaces: row.workspaces,
            rate: { perMinute: row.rate_per_minute, burst: row.rate_burst },
          },
          validUntil: row.valid_until,
        }
      : undefined;
  }

  /** Stores a new key; 409 when a current key (not revoked, not rotated) already has the name. */
  async create(key: NewKey): Promise<ApiKeyRow> {
    try {
      const { rows } = await poolOf(this.db).query(
        `INSERT INTO api_keys (id, name, role, key_sha256, created_by, expires_at,
                               rate_per_minute, rate_burst, projects_in_flight, workspaces)
         VALUES ($1, $2, $3, $4, $5,
                 COALESCE($6::timestamptz, now() + make_interval(secs => $7::double precision)),
                 $8, $9, $10, $11)
         RETURNING ${API_KEY_COLUMNS}`,
        [
          uuidv7(),
          key.name,
          key.role,
          key.keySha256,
          key.createdBy,
          key.expiry.expiresAt,
          key.expiry.ttlSeconds,
          key.limits.requestsPerMinute,
          key.limits.burst,
          key.limits.projectsInFlight,
          key.workspaces,
        ],
      );
      return ApiKeyRow.parse(rows[0]);
    } catch (error) {
      if ((error as { code?: unknown }).code !== '23505') throw error;
      throw new ConflictError(
        'api-key-name-taken',
        `A current API key is already named "${key.name}": rotate it (POST /v1/api-keys/{id}/rotate) to replace its secret, or revoke it (POST /v1/api-keys/{id}/revoke) first; GET /v1/api-keys shows its id.`,
      );
    }
  }

  /**
   * Makes `keySha256` the one active admin key called `name`, an operator of every workspace (`*`): a changed secret revokes the key it
   * replaces, and the same secret at the next start changes nothing.
   */
  async upsertBootstrapAdmin(name: string, keySha256: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE api_keys SET revoked_at = now()
         WHERE name = $1 AND key_sha256 <> $2 AND revoked_at IS NULL`,
        [name, keySha256],
      );
      await tx.query(
        `INSERT INTO api_keys (id, name, role, key_sha256, workspaces)
         VALUES ($1, $2, 'admin', $3, '{*}')
         ON CONFLICT (key_sha256) DO UPDATE
           SET name = $2, role = 'admin', revoked_at = NULL, revoked_by = NULL, workspaces = '{*}'`,
        [uuidv7(), name, keySha256],
      );
    });
  }
}
