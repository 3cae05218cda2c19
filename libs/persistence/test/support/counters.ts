import { type DataSource, type EntityManager } from 'typeorm';
import { type SqlTx } from '../../src';
import { Counter } from './counter.entity';

/** The state change under test: `counters[name] += 1`, created at 1. */
export async function increment(tx: EntityManager | SqlTx, name: string): Promise<void> {
  await tx.query(
    `INSERT INTO counters (name, value) VALUES ($1, 1)
     ON CONFLICT (name) DO UPDATE SET value = counters.value + 1, updated_at = now()`,
    [name],
  );
}

/** The counter's value, 0 if it was never incremented. */
export async function counterValue(dataSource: DataSource, name: string): Promise<number> {
  const counter = await dataSource.getRepository(Counter).findOneBy({ name });
  return counter?.value ?? 0;
}
