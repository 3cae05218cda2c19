import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { deleteProjectData } from '../../src';
import { randomTestName } from '../support/random-name';
import { dropSchema } from '../support/sql';
import { openTestDataSource } from '../support/test-data-source';

describe(deleteProjectData.name, () => {
  const schema = randomTestName();
  let db: DataSource;

  const counts = async (projectId: string): Promise<Record<string, number>> => {
    const [row] = (await db.query(
      `SELECT (SELECT count(*) FROM projects WHERE id = $1)::int AS projects,
              (SELECT count(*) FROM steps WHERE project_id = $1)::int AS steps,
              (SELECT count(*) FROM notes WHERE project_id = $1)::int AS notes,
              (SELECT count(*) FROM tombstones WHERE project_id = $1)::int AS tombstones`,
      [projectId],
    )) as Record<string, number>[];
    return row ?? {};
  };
  const aProject = async (): Promise<string> => {
    const id = randomUUID();
    await db.query(`INSERT INTO projects (id) VALUES ($1)`, [id]);
    await db.query(`INSERT INTO steps (project_id, n) SELECT $1, n FROM generate_series(1, 3) n`, [
      id,
    ]);
    await db.query(`INSERT INTO notes (project_id) VALUES ($1), ($1)`, [id]);
    await db.query(`INSERT INTO tombstones (project_id) VALUES ($1)`, [id]);
    return id;
  };

  beforeAll(async () => {
    db = await openTestDataSource(schema);
    await db.query(`CREATE TABLE projects (id uuid PRIMARY KEY)`);
    await db.query(`CREATE TABLE steps (project_id uuid NOT NULL REFERENCES projects (id)
                      ON DELETE CASCADE, n int NOT NULL, PRIMARY KEY (project_id, n))`);
    await db.query(`CREATE TABLE notes (project_id uuid NOT NULL)`); // no foreign key
    await db.query(`CREATE TABLE tombstones (project_id uuid PRIMARY KEY)`);
    await db.query(`CREATE VIEW steps_v1 AS SELECT project_id, n FROM steps`);
  });

  afterAll(async () => {
    await db.destroy();
    await dropSchema(schema);
  });

  it("deletes the project's rows from every table with project_id and the tables keyed by its id, except the kept ones; another project's rows stay", async () => {
    const doomed = await aProject();
    const other = await aProject();

    const deleted = await db.transaction((tx) =>
      deleteProjectData(tx, schema, doomed, {
        keyedById: ['projects'],
        except: ['tombstones'],
      }),
    );

    expect(deleted).toBe(1 + 3 + 2);
    expect(await counts(doomed)).toEqual({ projects: 0, steps: 0, notes: 0, tombstones: 1 });
    expect(await counts(other)).toEqual({ projects: 1, steps: 3, notes: 2, tombstones: 1 });
  });

  it('finds a table added later without being told about it, and deletes nothing twice', async () => {
    const doomed = await aProject();
    await db.query(`CREATE TABLE later (project_id uuid NOT NULL)`);
    await db.query(`INSERT INTO later (project_id) VALUES ($1)`, [doomed]);

    const first = await db.transaction((tx) => deleteProjectData(tx, schema, doomed));
    const again = await db.transaction((tx) => deleteProjectData(tx, schema, doomed));

    expect(first).toBe(3 + 2 + 1 + 1); // steps, notes, tombstones, later
    expect(again).toBe(0);
    expect(await db.query(`SELECT * FROM later`)).toEqual([]);
  });
});
