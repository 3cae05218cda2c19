import { poolOf } from '@agentbus/persistence';
import { Injectable } from '@nestjs/common';
import { type DataSource, type EntityManager } from 'typeorm';

/** An Idempotency-Key record is honoured this long, then forgotten. */
export const IDEMPOTENCY_RETENTION = '24 hours';

export interface IdempotencyRecord {
  readonly apiKeyId: string;
  readonly key: string;
  readonly requestSha256: string;
  readonly projectId: string;
  readonly response: object;
}

/** What an earlier request with the same key stored. */
export interface EarlierRequest {
  readonly requestSha256: string;
  readonly response: object;
}

/** `idempotency_keys` (gateway schema): one row per (API key, Idempotency-Key). */
@Injectable()
export class IdempotencyRepository {
  /**
   * Records the key inside the caller's transaction and returns `undefined`, or returns the earlier
   * request if the key is taken. A concurrent request with the same key waits on the unique index
   * until the first commits, then sees its row.
   */
  /** The earlier request under this key, if one is on record (no transaction: a cheap pre-check). */
  async find(db: DataSource, apiKeyId: string, key: string): Promise<EarlierRequest | undefined> {
    const { rows } = await poolOf(db).query<{ request_sha256: string; response: object }>(
      `SELECT request_sha256, response FROM idempotency_keys
       WHERE api_key_id = $1 AND key = $2 AND created_at >= now() - interval '${IDEMPOTENCY_RETENTION}'`,
      [apiKeyId, key],
    );
    const row = rows[0];
    return row === undefined
      ? undefined
      : { requestSha256: row.request_sha256, response: row.response };
  }

  async claim(tx: EntityManager, record: IdempotencyRecord): Promise<EarlierRequest | undefined> {
    const { apiKeyId, key } = record;
    await tx.query(
      `DELETE FROM idempotency_keys
       WHERE api_key_id = $1 AND key = $2 AND created_at < now() - interval '${IDEMPOTENCY_RETENTION}'`,
      [apiKeyId, key],
    );
    const inserted: unknown[] = await tx.query(
      `INSERT INTO idempotency_keys (api_key_id, key, request_sha256, project_id, response)
       VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT DO NOTHING RETURNING 1`,
      [apiKeyId, key, record.requestSha256, record.projectId, JSON.stringify(record.response)],
    );
    if (inserted.length > 0) return undefined;
    const rows: { request_sha256: string; response: object }[] = await tx.query(
      'SELECT request_sha256, response FROM idempotency_keys WHERE api_key_id = $1 AND key = $2',
      [apiKeyId, key],
    );
    const row = rows[0];
    if (row === undefined) throw new Error(`idempotency key vanished while claiming it`);
    return { requestSha256: row.request_sha256, response: row.response };
  }
}
