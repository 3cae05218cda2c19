import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { inPipelinedTransaction, poolOf } from '../../src';
import { randomTestName } from '../support/random-name';
import { dropSchema } from '../support/sql';
import { openTestDataSource } from '../support/test-data-source';

describe('pipelined transactions (real Postgres)', () => {
  const schema = randomTestName();
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openTestDataSource(schema);
    await dataSource.query(
      'CREATE TABLE notes (id uuid PRIMARY KEY, body text, data jsonb, tags text[], at timestamptz)',
    );
  });

  afterAll(async () => {
    await dataSource.destroy();
    await dropSchema(schema);
  });

  const awkward = [
    "it's",
    'back\\slash and "quotes"',
    'unicode ✓ 日本語 \u{1F600}',
    '$1 inside a value',
    "'; DROP TABLE notes; --",
  ];

  it('stores inlined values exactly as bound parameters would', async () => {
    for (const body of awkward) {
      const inlined = randomUUID();
      const bound = randomUUID();
      const row = [body, { body, n: -1.5, nested: [null, true] }, [body, 'x,y', ''], new Date()];
      await inPipelinedTransaction(dataSource, async (tx) => {
        tx.defer('INSERT INTO notes VALUES ($1, $2, $3::jsonb, $4, $5)', [inlined, ...row]);
      });
      await poolOf(dataSource).query('INSERT INTO notes VALUES ($1, $2, $3::jsonb, $4, $5)', [
        bound,
        row[0],
        JSON.stringify(row[1]),
        row[2],
        row[3],
      ]);
      const rows = (await dataSource.query(
        'SELECT id, body, data, tags, at FROM notes WHERE id = ANY($1::uuid[])',
        [[inlined, bound]],
      )) as { id: string; body: string; data: unknown; tags: string[]; at: Date }[];
      const [a, b] = [rows.find((r) => r.id === inlined), rows.find((r) => r.id === bound)];
      expect(a).toBeDefined();
      expect({ ...a, id: undefined }).toEqual({ ...b, id: undefined });
    }
    expect(await dataSource.query('SELECT count(*)::int AS n FROM notes')).toEqual([
      { n: awkward.length * 2 },
    ]);
  });

  it('sends deferred writes with the next read, in order, and commits them together', async () => {
    const id = randomUUID();
    const seen = await inPipelinedTransaction(dataSource, async (tx) => {
      tx.defer('INSERT INTO notes (id, body) VALUES ($1, $2)', [id, 'first']);
      tx.defer('UPDATE notes SET body = body || $2 WHERE id = $1', [id, ' then second']);
      return tx.query<{ body: string }[]>('SELECT body FROM notes WHERE id = $1', [id]);
    });
    expect(seen).toEqual([{ body: 'first then second' }]);
    expect(await dataSource.query('SELECT body FROM notes WHERE id = $1', [id])).toEqual([
      { body: 'first then second' },
    ]);
  });

  it('commits nothing when a deferred write fails at commit', async () => {
    const id = randomUUID();
    const failing = inPipelinedTransaction(dataSource, async (tx) => {
      tx.defer('INSERT INTO notes (id, body) VALUES ($1, $2)', [id, 'kept?']);
      tx.defer('INSERT INTO notes (id, body) VALUES ($1, $2)', [id, 'duplicate key']);
    });
    await expect(failing).rejects.toMatchObject({ code: '23505' });
    expect(await dataSource.query('SELECT 1 FROM notes WHERE id = $1', [id])).toEqual([]);
  });

  it('lets a failed check stop the transaction even when the body swallows the error', async () => {
    const id = randomUUID();
    const failing = inPipelinedTransaction(dataSource, async (tx) => {
      tx.deferChecked('SELECT 1 WHERE false', [], (rows) => {
        if (rows.length === 0) throw new Error('check failed');
      });
      tx.defer('INSERT INTO notes (id, body) VALUES ($1, $2)', [id, 'must not commit']);
      await tx.query('SELECT 1').catch(() => undefined); // swallowed
      tx.defer('INSERT INTO notes (id, body) VALUES ($1, $2)', [randomUUID(), 'nor this']);
    });
    await expect(failing).rejects.toThrow('check failed');
    expect(await dataSource.query('SELECT 1 FROM notes WHERE id = $1', [id])).toEqual([]);
  });

  it('checks deferred statements before a commit that has no read to ride with', async () => {
    const id = randomUUID();
    const failing = inPipelinedTransaction(dataSource, async (tx) => {
      tx.deferChecked('SELECT 1 WHERE false', [], (rows) => {
        if (rows.length === 0) throw new Error('nothing found');
      });
      tx.defer('INSERT INTO notes (id, body) VALUES ($1, $2)', [id, 'must not commit']);
    });
    await expect(failing).rejects.toThrow('nothing found');
    expect(await dataSource.query('SELECT 1 FROM notes WHERE id = $1', [id])).toEqual([]);
  });

  it('returns the connection to the pool usable after a failure', async () => {
    await expect(
      inPipelinedTransaction(dataSource, (tx) => tx.query('SELECT * FROM no_such_table')),
    ).rejects.toMatchObject({ code: '42P01' });
    const rows = await inPipelinedTransaction(dataSource, (tx) => tx.query('SELECT 2 AS two'));
    expect(rows).toEqual([{ two: 2 }]);
  });
});
