/** `"schema"."table"` for raw SQL; both parts are validated identifiers, never user input. */
export const qualifiedName = (schema: string, table: string): string => `"${schema}"."${table}"`;
