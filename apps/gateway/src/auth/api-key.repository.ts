import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DataSource } from 'typeorm';
import { PreparedStatements } from '../database/prepared-statements';
import { ConflictError } from '../http/problem/problem.errors';
import { type Principal } from './principal';
import { isRole, type Role } from './role';

interface KeyRow {
  id: string;
  name: string;
  role: string;
}

/** The `api_keys` table (gateway schema). */
@Injectable()
export class ApiKeyRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly prepared: PreparedStatements,
  ) {}

  /** The active key with this hash, if any. */
  async findActive(keySha256: string): Promise<Principal | undefined> {
    const rows = await this.prepared.query<KeyRow>(
      'SELECT id, name, role FROM api_keys WHERE key_sha256 = $1 AND revoked_at IS NULL',
      [keySha256],
    );
    const row = rows[0];
    return row !== undefined && isRole(row.role)
      ? { keyId: row.id, name: row.name, role: row.role }
      : undefined;
  }

  /** Stores a new key; 409 when an active key already has the name. */
  async create(
    name: string,
    role: Role,
    keySha256: string,
  ): Promise<{ id: string; createdAt: string }> {
    try {
      const rows: { id: string; created_at: Date }[] = await this.db.query(
        `INSERT INTO api_keys (id, name, role, key_sha256) VALUES ($1, $2, $3, $4)
         RETURNING id, created_at`,
        [uuidv7(), name, role, keySha256],
      );
      const row = rows[0] as { id: string; created_at: Date };
      return { id: row.id, createdAt: row.created_at.toISOString() };
    } catch (error) {
      if ((error as { code?: unknown }).code !== '23505') throw error;
      throw new ConflictError(
        'api-key-name-taken',
        `An active API key is already named "${name}".`,
      );
    }
  }

  /**
   * Makes `keySha256` the one active admin key called `name`: a changed secret revokes the key it
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
        `INSERT INTO api_keys (id, name, role, key_sha256) VALUES ($1, $2, 'admin', $3)
         ON CONFLICT (key_sha256) DO UPDATE SET name = $2, role = 'admin', revoked_at = NULL`,
        [uuidv7(), name, keySha256],
      );
    });
  }
}
