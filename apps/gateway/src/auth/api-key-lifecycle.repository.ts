import { poolOf } from '@agentbus/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { API_KEY_COLUMNS, ApiKeyRow } from './api-key.rows';
import { type KeyExpiry } from './key-expiry.util';

/** The successor a rotation stores, and how long the old key keeps working. */
export interface Rotation {
  readonly id: string;
  readonly keySha256: string;
  readonly graceSeconds: number;
  /** Neither set: the successor lives as long as the old key was made to. */
  readonly expiry: KeyExpiry;
  readonly by: string;
}

/** Listing, revoking, rotating and last-use marks of `api_keys` rows. */
@Injectable()
export class ApiKeyLifecycleRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Every key whose workspaces all lie within `workspaces` (`null`: every key), newest first: a
   * workspace admin sees neither the keys of other workspaces nor the operator's.
   */
  async list(workspaces: readonly string[] | null): Promise<ApiKeyRow[]> {
    const { rows } = await poolOf(this.db).query(
      `SELECT ${API_KEY_COLUMNS} FROM api_keys
       WHERE $1::text[] IS NULL OR workspaces <@ $1::text[]
       ORDER BY created_at DESC, id DESC`,
      [workspaces],
    );
    return rows.map((row) => ApiKeyRow.parse(row));
  }

  /** Revokes the key (a second revocation keeps the first one's time and author). */
  async revoke(id: string, by: string): Promise<ApiKeyRow | undefined> {
    const { rows } = await poolOf(this.db).query(
      `UPDATE api_keys
       SET revoked_by = CASE WHEN revoked_at IS NULL THEN $2 ELSE revoked_by END,
           revoked_at = COALESCE(revoked_at, now())
       WHERE id = $1 RETURNING ${API_KEY_COLUMNS}`,
      [id, by],
    );
    return rows[0] === undefined ? undefined : ApiKeyRow.parse(rows[0]);
  }

  /**
   * Runs `decide` on the key locked against concurrent rotation, then, when it allows, stores the
   * successor under the same name, role and limits and marks the old key replaced with its grace.
   */
  async rotate(
    id: string,
    decide: (key: ApiKeyRow | undefined) => Rotation,
  ): Promise<{ old: ApiKeyRow; successor: ApiKeyRow }> {
    return this.db.transaction(async (tx) => {
      const locked = await rowsOf(
        tx,
        `SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE id = $1 FOR UPDATE`,
        [id],
      );
      const rotation = decide(locked[0]);
      // The old key leaves the unique current-name index before the successor enters it; the
      // foreign key to the successor is checked at commit.
      const [old] = await rowsOf(
        tx,
        `UPDATE api_keys
         SET replaced_by = $2, grace_until = LEAST(now() + make_interval(secs => $3), expires_at)
         WHERE id = $1 RETURNING ${API_KEY_COLUMNS}`,
        [id, rotation.id, rotation.graceSeconds],
      );
      const [successor] = await rowsOf(
        tx,
        `INSERT INTO api_keys (id, name, role, key_sha256, created_by, expires_at,
                               rate_per_minute, rate_burst, projects_in_flight, workspaces)
         SELECT $2::uuid, name, role, $3::text, $4::text, COALESCE(
           $5::timestamptz,
           now() + make_interval(secs => $6::double precision),
           now() + (expires_at - created_at)), rate_per_minute, rate_burst, projects_in_flight,
           workspaces
         FROM api_keys WHERE id = $1
         RETURNING ${API_KEY_COLUMNS}`,
        [
          id,
          rotation.id,
          rotation.keySha256,
          rotation.by,
          rotation.expiry.expiresAt,
          rotation.expiry.ttlSeconds,
        ],
      );
      if (old === undefined || successor === undefined) throw new Error(`key ${id} vanished`);
      return { old, successor };
    });
  }

  /**
   * Marks the key used now, unless a mark less than a minute old is there (another replica's):
   * then nothing is written. Resolves to whether a mark was written.
   */
  async markUsed(keyId: string): Promise<boolean> {
    const { rowCount } = await poolOf(this.db).query(
      `UPDATE api_keys SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [keyId],
    );
    return (rowCount ?? 0) > 0;
  }
}

// UPDATE answers [rows, count] through EntityManager.query; the structured result is uniform.
async function rowsOf(tx: EntityManager, sql: string, params: unknown[]): Promise<ApiKeyRow[]> {
  const runner = tx.queryRunner;
  if (runner === undefined) throw new Error('rotate must run in a transaction');
  const { records } = await runner.query(sql, params, true);
  return (records as unknown[]).map((row) => ApiKeyRow.parse(row));
}
