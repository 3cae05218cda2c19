import {
  createTestSchema,
  migrateOwnerSchema,
  postgresUrl,
  type ReadModelOwnerApp,
  type TestSchema,
} from '@agentbus/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** The worker's schema and the other owners' it reads, each migrated as production migrates it. */
export interface OwnerSchemas {
  /** The name of `owner`'s schema (the worker's own is 'cpu-agent-worker'). */
  schemaOf(owner: ReadModelOwnerApp): string;
  /** A connection to the whole database, to write the other owners' rows as they would. */
  readonly pg: Client;
  /** The worker's own connection, on its schema. */
  readonly worker: DataSource;
}

/**
 * Registers the `beforeAll`/`afterAll` that build the schemas of `others` and then the worker's
 * own (in that order, each by its owner's migrations) and drop them all afterwards; call it at
 * the top of a `describe`, read its parts inside the tests.
 */
export function useOwnerSchemas(
  others: readonly Exclude<ReadModelOwnerApp, 'cpu-agent-worker'>[],
): OwnerSchemas {
  const owners: readonly ReadModelOwnerApp[] = [...others, 'cpu-agent-worker'];
  const schemas = new Map<ReadModelOwnerApp, TestSchema>();
  let pg: Client | undefined;
  let worker: DataSource | undefined;

  beforeAll(async () => {
    const url = await postgresUrl();
    const created = await Promise.all(owners.map(() => createTestSchema(url)));
    owners.forEach((owner, index) => schemas.set(owner, created[index] as TestSchema));
    for (const [owner, schema] of schemas) await migrateOwnerSchema(url, owner, schema.schema);
    pg = new Client({ connectionString: url });
    await pg.connect();
    worker = new DataSource({
      type: 'postgres',
      url: started(schemas.get('cpu-agent-worker')).url,
    });
    await worker.initialize();
  });

  afterAll(async () => {
    await worker?.destroy();
    await pg?.end();
    for (const schema of schemas.values()) await schema.drop();
  });

  return {
    schemaOf: (owner) => started(schemas.get(owner)).schema,
    get pg() {
      return started(pg);
    },
    get worker() {
      return started(worker);
    },
  };
}

/** A part read before `beforeAll` ran (or for an owner not asked for) is a mistake in the spec. */
function started<T>(part: T | undefined): T {
  if (part === undefined) throw new Error('owner schemas: read before beforeAll built it');
  return part;
}
