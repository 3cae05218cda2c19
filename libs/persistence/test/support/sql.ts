import { Client } from 'pg';
import { databaseUrl } from './services';

/** Runs one statement on a fresh connection of its own (outside any pool under test). */
export async function sql<T = Record<string, unknown>>(
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Drops a test schema and everything in it. */
export const dropSchema = async (schema: string): Promise<void> => {
  await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
};
