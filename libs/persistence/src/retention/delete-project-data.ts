/** Anything that runs one SQL statement in the caller's transaction (SqlTx, EntityManager). */
export interface TxQuery {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** Options of {@link deleteProjectData}. */
export interface DeleteProjectDataOptions {
  /** Tables whose primary key `id` is the project id (e.g. `projects`); deleted last. */
  readonly keyedById?: readonly string[];
  /** Tables with `project_id` that must keep the project's rows (e.g. a deletion record). */
  readonly except?: readonly string[];
}

const TABLES_WITH_PROJECT_ID = `
  SELECT c.table_name AS name
  FROM information_schema.columns c
  JOIN information_schema.tables t USING (table_schema, table_name)
  WHERE c.table_schema = $1 AND c.column_name = 'project_id' AND t.table_type = 'BASE TABLE'
  ORDER BY c.table_name`;

/**
 * Deletes every row of a project in one schema, in the caller's transaction: each table with a
 * `project_id` column (found in information_schema, so a table added later is not forgotten),
 * then the tables keyed by the project's id. Returns the number of rows deleted.
 */
export async function deleteProjectData(
  tx: TxQuery,
  schema: string,
  projectId: string,
  options: DeleteProjectDataOptions = {},
): Promise<number> {
  const found = (await tx.query(TABLES_WITH_PROJECT_ID, [schema])) as { name: string }[];
  const except = new Set(options.except ?? []);
  const statements = [
    ...found.filter(({ name }) => !except.has(name)).map(({ name }) => [name, 'project_id']),
    ...(options.keyedById ?? []).map((name) => [name, 'id']),
  ];
  let deleted = 0;
  for (const [table, column] of statements) {
    const rows = (await tx.query(
      `WITH gone AS (DELETE FROM "${schema}"."${table}" WHERE ${column} = $1 RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [projectId],
    )) as { n: number }[];
    deleted += rows[0]?.n ?? 0;
  }
  return deleted;
}
