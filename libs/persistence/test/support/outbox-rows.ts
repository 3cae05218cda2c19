import { type DataSource } from 'typeorm';
import { OutboxEntry, withOutbox } from '../../src';
import { aCancelRequest } from './envelopes';

/** Commits `count` outbox rows, `perTransaction` at a time; returns their ids in seq order. */
export async function commitOutboxRows(
  dataSource: DataSource,
  count: number,
  perTransaction = 10,
): Promise<string[]> {
  const ids: string[] = [];
  for (let written = 0; written < count; written += perTransaction) {
    await withOutbox(dataSource, async (_tx, outbox) => {
      for (let i = written; i < Math.min(count, written + perTransaction); i++) {
        const envelope = aCancelRequest({ reason: `row ${i}` });
        await outbox.add(envelope, { traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` });
        ids.push(envelope.id);
      }
    });
  }
  return ids;
}

/** Every outbox row, in seq order. */
export const outboxRows = (dataSource: DataSource): Promise<OutboxEntry[]> =>
  dataSource.getRepository(OutboxEntry).find({ order: { seq: 'ASC' } });
