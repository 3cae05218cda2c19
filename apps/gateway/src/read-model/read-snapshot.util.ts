import { type DataSource, type EntityManager } from 'typeorm';

/**
 * Runs several reads against one consistent snapshot (REPEATABLE READ, READ ONLY), so a project's
 * stages, gates and usage agree with each other even while the orchestrator writes.
 */
export function readSnapshot<T>(
  db: DataSource,
  work: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  return db.transaction('REPEATABLE READ', async (tx) => {
    await tx.query('SET TRANSACTION READ ONLY');
    return work(tx);
  });
}
