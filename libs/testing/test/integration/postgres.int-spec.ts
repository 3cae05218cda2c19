import { Client } from 'pg';
import { createTestSchema, postgresUrl, type TestSchema } from '../../src';

const query = async <T extends object>(url: string, sql: string): Promise<T[]> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
};

describe(createTestSchema.name, () => {
  let url: string;
  let a: TestSchema;
  let b: TestSchema;

  beforeAll(async () => {
    url = await postgresUrl();
    [a, b] = await Promise.all([createTestSchema(url), createTestSchema(url)]);
  });

  afterAll(async () => {
    await Promise.all([a.drop(), b.drop()]);
  });

  it('creates a fresh t_<hex> schema that its URL uses by default', async () => {
    expect(a.schema).toMatch(/^t_[0-9a-f]{12}$/);
    expect(a.schema).not.toBe(b.schema);
    const [row] = await query<{ schema: string }>(a.url, 'select current_schema() as schema');
    expect(row?.schema).toBe(a.schema);
  });

  it("keeps one test's tables out of another's sight", async () => {
    await query(a.url, 'create table widget (id int primary key)');
    await query(a.url, 'insert into widget values (1)');
    await query(b.url, 'create table widget (id int primary key)');
    expect(await query(a.url, 'select id from widget')).toEqual([{ id: 1 }]);
    expect(await query(b.url, 'select id from widget')).toEqual([]);
  });

  it('drop() removes the schema and can be called twice', async () => {
    const c = await createTestSchema(url);
    await query(c.url, 'create table gadget (id int)');
    await c.drop();
    await c.drop();
    const rows = await query(
      url,
      `select schema_name from information_schema.schemata where schema_name = '${c.schema}'`,
    );
    expect(rows).toEqual([]);
  });
});
