import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { type DataSource } from 'typeorm';
import { pruneFinishedProjectRows } from '../../src';
import { randomTestName } from '../support/random-name';
import { dropSchema } from '../support/sql';
import { databaseUrl } from '../support/services';
import { openTestDataSource } from '../support/test-data-source';

const DAY_MS = 86_400_000;
const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY_MS);
const ROWS_PER_PROJECT = 5;

describe(pruneFinishedProjectRows.name, () => {
  const schema = randomTestName();
  let db: DataSource;
  const rows = { table: 'notes', key: ['project_id', 'n'] } as const;
  const owned = { schema, relation: 'projects', lockable: true } as const;

  // A project in `state` whose last change was `days` ago, with ROWS_PER_PROJECT notes.
  const aProject = async (state: string, days: number): Promise<string> => {
    const id = randomUUID();
    await db.query(`INSERT INTO projects (id, state, updated_at) VALUES ($1, $2, $3)`, [
      id,
      state,
      daysAgo(days),
    ]);
    await db.query(
      `INSERT INTO notes (project_id, n) SELECT $1, n FROM generate_series(1, $2::int) n`,
      [id, ROWS_PER_PROJECT],
    );
    return id;
  };
  const notesLeft = async (): Promise<Map<string, number>> => {
    const found: { project_id: string; count: number }[] = await db.query(
      `SELECT project_id, count(*)::int AS count FROM notes GROUP BY project_id`,
    );
    return new Map(found.map((row) => [row.project_id, row.count]));
  };

  beforeAll(async () => {
    db = await openTestDataSource(schema);
    await db.query(`CREATE TABLE projects (id uuid PRIMARY KEY, state text NOT NULL,
                      updated_at timestamptz NOT NULL)`);
    await db.query(`CREATE VIEW projects_v1 AS SELECT id, state, updated_at FROM projects`);
    await db.query(`CREATE TABLE notes (project_id uuid NOT NULL, n int NOT NULL,
                      PRIMARY KEY (project_id, n))`);
  });

  afterEach(() => db.query('TRUNCATE notes, projects'));

  afterAll(async () => {
    await db.destroy();
    await dropSchema(schema);
  });

  it('deletes exactly the rows of projects finished before the cut-off, in bounded batches', async () => {
    const expired = [
      await aProject('completed', 40),
      await aProject('failed', 31),
      await aProject('cancelled', 90),
    ];
    const kept = [
      await aProject('completed', 29), // finished recently
      await aProject('running', 400), // in flight, however old
      await aProject('queued', 400),
      await aProject('waiting_approval', 400),
    ];
    const statements = jest.spyOn(db, 'createQueryRunner');

    const deleted = await pruneFinishedProjectRows(db, rows, owned, {
      finishedBefore: daysAgo(30),
      batchSize: 4,
    });

    expect(deleted).toBe(expired.length * ROWS_PER_PROJECT);
    expect(statements).toHaveBeenCalledTimes(4); // 15 rows: 4 + 4 + 4 + 3, one DELETE each
    statements.mockRestore();
    const left = await notesLeft();
    for (const id of expired) expect(left.get(id)).toBeUndefined();
    for (const id of kept) expect(left.get(id)).toBe(ROWS_PER_PROJECT);
  });

  it('reads finished projects from another service’s view the same way', async () => {
    await aProject('completed', 40);
    const running = await aProject('running', 40);
    const view = { schema, relation: 'projects_v1', lockable: false };

    await pruneFinishedProjectRows(db, rows, view, { finishedBefore: daysAgo(30) });

    expect([...(await notesLeft()).keys()]).toEqual([running]);
  });

  it('lets several replicas prune at once: every expired row goes exactly once, none waits', async () => {
    const expired = await Promise.all(
      Array.from({ length: 8 }, (_, i) => aProject('completed', 31 + i)),
    );
    const kept = await aProject('running', 100);

    const counts = await Promise.all(
      [1, 2, 3].map(() =>
        pruneFinishedProjectRows(db, rows, owned, { finishedBefore: daysAgo(30), batchSize: 3 }),
      ),
    );

    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(expired.length * ROWS_PER_PROJECT);
    expect([...(await notesLeft()).keys()]).toEqual([kept]);
  });

  it('skips a project whose row is locked by a change in progress (e.g. a restart)', async () => {
    const restarting = await aProject('completed', 40);
    const other = await aProject('completed', 40);
    const holder = new Client({ connectionString: databaseUrl() });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM "${schema}".projects WHERE id = $1 FOR UPDATE`, [
        restarting,
      ]);

      await pruneFinishedProjectRows(db, rows, owned, { finishedBefore: daysAgo(30) });

      expect((await notesLeft()).get(restarting)).toBe(ROWS_PER_PROJECT);
      expect((await notesLeft()).get(other)).toBeUndefined();
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });
});
