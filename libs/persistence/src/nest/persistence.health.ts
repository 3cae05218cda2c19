import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withTimeout } from '../util/with-timeout.util';

/** Readiness of the service's Postgres link, for `/readyz`. */
@Injectable()
export class PersistenceHealth {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Resolves if `SELECT 1` answers within `timeoutMs` (1 s); throws, saying why, otherwise. */
  async check(timeoutMs = 1_000): Promise<void> {
    if (!this.dataSource.isInitialized) throw new Error('postgres: not connected');
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), timeoutMs, 'postgres: SELECT 1');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`postgres is not ready: ${reason}`, { cause: error });
    }
  }
}
