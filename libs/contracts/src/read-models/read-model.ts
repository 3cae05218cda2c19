import { type z } from 'zod';

/** The services that publish read models (each from its own schema and migrations). */
export type ReadModelOwner = 'master-orchestrator' | 'cpu-agent-worker' | 'gpu-job-controller';

/**
 * A versioned SQL view a service publishes for others to read (DESIGN §7, ADR 0005): its name is
 * `<name>_v<version>` in the owner's schema, and `row` is the zod schema of one of its rows. A
 * breaking change publishes `<name>_v2` beside `_v1` until every reader has moved.
 */
export interface ReadModel<Row extends z.ZodObject = z.ZodObject> {
  readonly owner: ReadModelOwner;
  readonly name: string;
  readonly version: number;
  /** `<name>_v<version>`, unqualified: readers put the owner's schema in front. */
  readonly view: string;
  readonly row: Row;
  /** The view's columns: the keys of {@link ReadModel.row}. */
  readonly columns: readonly string[];
}

/** Declares a {@link ReadModel}; the view name is computed, never typed. */
export function defineReadModel<Row extends z.ZodObject>(definition: {
  owner: ReadModelOwner;
  name: string;
  version: number;
  row: Row;
}): ReadModel<Row> {
  const { owner, name, version, row } = definition;
  return Object.freeze({
    owner,
    name,
    version,
    view: `${name}_v${version}`,
    row,
    columns: Object.freeze(Object.keys(row.shape)),
  });
}

/**
 * The NOLOGIN role that holds SELECT on every published view and nothing else. A reader's login
 * role is made a member of it (or a reader session runs `SET ROLE` to it); owners grant to it.
 */
export const READER_ROLE = 'agentbus_reader';

/**
 * The statements an owner's migration runs after creating views: the reader role (created if
 * missing, NOLOGIN), USAGE on the owner's current schema and SELECT on exactly these views.
 */
export function readerGrantStatements(models: readonly ReadModel[]): string[] {
  const views = models.map((model) => model.view).join(', ');
  return [
    // Serializes role creation across services migrating at the same time (roles are global).
    `SELECT pg_advisory_xact_lock(hashtext('${READER_ROLE}'))`,
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${READER_ROLE}') THEN
         CREATE ROLE ${READER_ROLE} NOLOGIN;
       END IF;
       EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${READER_ROLE}', current_schema());
     END $$`,
    `GRANT SELECT ON ${views} TO ${READER_ROLE}`,
  ];
}

/** A column of a view as `information_schema.columns` lists it. */
export interface PresentColumn {
  readonly schema: string;
  readonly view: string;
  readonly column: string;
}

/** A read model a reader needs, in the schema it reads it from. */
export interface NeededReadModel {
  readonly schema: string;
  readonly model: ReadModel;
}

/** A reader started against a database that lacks a view version it reads (or its columns). */
export class ReadModelMissingError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(`read model(s) missing: ${missing.join('; ')}`);
    this.name = 'ReadModelMissingError';
  }
}

/**
 * What is missing of `needed` given the columns present, one line per view naming the view, its
 * version and its owner; empty when every view and column is there.
 */
export function missingReadModels(
  needed: readonly NeededReadModel[],
  present: readonly PresentColumn[],
): string[] {
  const have = new Set(present.map((c) => `${c.schema}.${c.view}.${c.column}`));
  return needed.flatMap(({ schema, model }) => {
    const name = `${schema}.${model.view}`;
    const lacking = model.columns.filter((column) => !have.has(`${name}.${column}`));
    if (lacking.length === 0) return [];
    const what =
      lacking.length === model.columns.length
        ? 'does not exist'
        : `lacks column(s) ${lacking.join(', ')}`;
    return [
      `${name} (${model.name} version ${model.version}) ${what}: run the ${model.owner} migrations`,
    ];
  });
}

/** The query (text and values) listing the columns of `needed` present, as {@link PresentColumn}s. */
export function readModelColumnsQuery(needed: readonly NeededReadModel[]): {
  text: string;
  values: [string[], string[]];
} {
  return {
    text: `SELECT table_schema AS schema, table_name AS view, column_name AS column
      FROM information_schema.columns
      WHERE (table_schema, table_name) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    values: [needed.map((need) => need.schema), needed.map((need) => need.model.view)],
  };
}
