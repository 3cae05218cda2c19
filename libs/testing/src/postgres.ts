import { Client } from 'pg';
import { randomTestName } from './random-name';

/** A schema of its own for one test file; see {@link createTestSchema}. */
export interface TestSchema {
  /** The schema name, `t_<hex>`. */
  readonly schema: string;
  /** The input URL with `search_path` set to {@link TestSchema.schema}, for pg, TypeORM or a child process. */
  readonly url: string;
  /** Drops the schema and everything in it; safe to call twice. */
  drop(): Promise<void>;
}

const withClient = async <T>(url: string, run: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
};

/** Adds `-c search_path=<schema>` to the libpq `options` parameter that node-pg reads from the URL. */
export const urlWithSearchPath = (url: string, schema: string): string => {
  const parsed = new URL(url);
  const existing = parsed.searchParams.get('options');
  const option = `-c search_path=${schema}`;
  parsed.searchParams.set('options', existing ? `${existing} ${option}` : option);
  return parsed.toString();
};

/**
 * Creates a fresh schema `t_<hex>` so a test file never sees another's tables, and returns a URL
 * whose connections use it by default. Call `drop()` in `afterAll`.
 */
export const createTestSchema = async (url: string): Promise<TestSchema> => {
  const schema = randomTestName();
  // The name is generated from hex only, so quoting it is enough to make it safe in DDL.
  await withClient(url, (client) => client.query(`CREATE SCHEMA "${schema}"`));
  return {
    schema,
    url: urlWithSearchPath(url, schema),
    drop: async () => {
      await withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    },
  };
};
