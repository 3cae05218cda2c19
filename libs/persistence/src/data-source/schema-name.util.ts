// Plain lower-case identifiers only: they are interpolated into DDL, LISTEN and table names, and the
// outbox channel `<schema>_outbox` must still fit Postgres' 63-byte identifier limit.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,55}$/;

/** Returns `schema` if it is a safe Postgres schema name (`[a-z_][a-z0-9_]*`, ≤ 56 chars), else throws. */
export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `invalid schema name "${schema}": use lower-case letters, digits and _ (at most 56 characters)`,
    );
  }
  return schema;
}
