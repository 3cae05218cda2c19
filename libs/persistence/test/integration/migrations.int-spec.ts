import { type DataSource } from 'typeorm';
import {
  createDataSource,
  DatabaseConnectError,
  initializeDataSource,
  pendingMigrations,
  runMigrateCli,
  runMigrations,
} from '../../src';
import { Counter } from '../support/counter.entity';
import { CreateCounters1764000000100 } from '../support/create-counters.migration';
import { randomTestName } from '../support/random-name';
import { databaseUrl } from '../support/services';
import { dropSchema, sql } from '../support/sql';

const ALL_MIGRATIONS = ['InboxOutbox1764000000000', 'CreateCounters1764000000100'];

const dataSourceFor = (schema: string, url = databaseUrl()): DataSource =>
  createDataSource({
    url,
    schema,
    entities: [Counter],
    migrations: [CreateCounters1764000000100],
  });

const tablesIn = async (schema: string): Promise<string[]> =>
  (
    await sql<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
      [schema],
    )
  ).map((row) => row.table_name);

describe(runMigrations.name, () => {
  const schemas: string[] = [];
  const opened: DataSource[] = [];
  const freshSchema = (): string => {
    const schema = randomTestName();
    schemas.push(schema);
    return schema;
  };
  const open = async (schema: string): Promise<DataSource> => {
    const dataSource = await initializeDataSource(dataSourceFor(schema));
    opened.push(dataSource);
    return dataSource;
  };

  afterAll(async () => {
    await Promise.all(opened.filter((d) => d.isInitialized).map((d) => d.destroy()));
    await Promise.all(schemas.map(dropSchema));
  });

  it('creates the missing schema and keeps every table, the migrations table too, inside it', async () => {
    const schema = freshSchema();
    const dataSource = await open(schema);

    expect(await pendingMigrations(dataSource)).toEqual(ALL_MIGRATIONS);
    expect(await runMigrations(dataSource)).toEqual(ALL_MIGRATIONS);

    expect(await tablesIn(schema)).toEqual(['counters', 'inbox', 'migrations', 'outbox']);
    expect(await pendingMigrations(dataSource)).toEqual([]);
  });

  it('is idempotent: a second run applies nothing and changes nothing', async () => {
    const schema = freshSchema();
    const dataSource = await open(schema);
    await runMigrations(dataSource);
    await dataSource.getRepository(Counter).insert({ name: 'kept', value: 1 });

    expect(await runMigrations(dataSource)).toEqual([]);

    expect(await dataSource.getRepository(Counter).findOneBy({ name: 'kept' })).toMatchObject({
      value: 1,
    });
    const recorded = await sql(`SELECT name FROM "${schema}".migrations`);
    expect(recorded).toHaveLength(ALL_MIGRATIONS.length);
  });

  it('lets replicas that start together migrate once, taking turns on a lock', async () => {
    const schema = freshSchema();
    const replicas = await Promise.all([open(schema), open(schema), open(schema)]);

    const applied = await Promise.all(replicas.map((replica) => runMigrations(replica)));

    expect(applied.flat().sort()).toEqual([...ALL_MIGRATIONS].sort());
    expect(await sql(`SELECT name FROM "${schema}".migrations`)).toHaveLength(
      ALL_MIGRATIONS.length,
    );
  });

  it('maps entities to snake_case plural tables and columns', async () => {
    const schema = freshSchema();
    const dataSource = await open(schema);
    await runMigrations(dataSource);

    const metadata = dataSource.getMetadata(Counter);

    expect(metadata.tablePath).toBe(`${schema}.counters`);
    expect(metadata.columns.map((column) => column.databaseName).sort()).toEqual([
      'name',
      'updated_at',
      'value',
    ]);
  });
});

describe(initializeDataSource.name, () => {
  it('says what to check when nothing listens at the URL, without echoing the password', async () => {
    const unreachable = new URL(databaseUrl());
    unreachable.port = '1';
    unreachable.password = 's3cret-password';

    const connecting = initializeDataSource(dataSourceFor('t_unused', unreachable.toString()));

    await expect(connecting).rejects.toBeInstanceOf(DatabaseConnectError);
    await expect(connecting).rejects.toThrow(/:1\/.*check the host and port.*Postgres is running/);
    await expect(connecting).rejects.not.toThrow(/s3cret/);
  });
});

describe(runMigrateCli.name, () => {
  const schema = randomTestName();
  afterAll(() => dropSchema(schema));

  it('lists pending migrations, applies them, then reports nothing to do', async () => {
    const options = {
      url: databaseUrl(),
      schema,
      entities: [Counter],
      migrations: [CreateCounters1764000000100],
    };
    const run = async (command: string): Promise<{ code: number; out: string }> => {
      let out = '';
      const sink = { write: (text: string) => (out += text) };
      const code = await runMigrateCli(options, [command], sink, sink);
      return { code, out };
    };

    expect(await run('status')).toEqual({
      code: 0,
      out: `schema ${schema}: pending ${ALL_MIGRATIONS.join(', ')}\n`,
    });
    expect(await run('migrate')).toEqual({
      code: 0,
      out: `schema ${schema}: applied ${ALL_MIGRATIONS.join(', ')}\n`,
    });
    expect(await run('migrate')).toEqual({ code: 0, out: `schema ${schema}: nothing applied\n` });
    expect((await run('bogus')).code).toBe(2);
  });
});
