import { type DataSource } from 'typeorm';

/**
 * Runs a `DELETE … LIMIT $n` statement until it deletes fewer than `batchSize` rows; `params` end
 * with the batch size. Each DELETE commits on its own, so locks stay short and a large backlog
 * drains in steps instead of one long transaction.
 */
export async function deleteInBatches(
  dataSource: DataSource,
  sql: string,
  params: readonly unknown[],
  batchSize: number,
): Promise<number> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('batchSize must be ≥ 1');
  let total = 0;
  for (;;) {
    const runner = dataSource.createQueryRunner();
    try {
      const { affected } = await runner.query(sql, [...params, batchSize], true);
      total += affected ?? 0;
      if ((affected ?? 0) < batchSize) return total;
    } finally {
      await runner.release();
    }
  }
}
