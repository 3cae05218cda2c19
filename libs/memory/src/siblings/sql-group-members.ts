import { z } from 'zod';
import { type GroupMember, type GroupMembers, type SiblingFilters } from './sibling-reader';

/** Runs SQL and answers rows: a TypeORM DataSource or transaction, or a wrapped pg client. */
export interface SqlRows {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

const MemberRow = z.object({ id: z.string(), grp: z.string(), version: z.string() });
const KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
// Chroma's metadata of a pattern is its metadata plus these columns (memory-service indexNow).
const COLUMN_KEYS = new Set(['type', 'source']);

/**
 * Group membership from memory-service's `patterns` table (resolved by the connection's
 * search_path): the rows of the groups, by `metadata ->> groupKey` (an expression index serves
 * it), that pass the search's filters as Chroma applies them and whose vector `embedder` wrote
 * (`indexed_embedder`; a changed text has none until it is embedded again). Here and not in the
 * service so that tools/bench/memory times the same query.
 */
export class SqlGroupMembers implements GroupMembers {
  constructor(
    private readonly sql: SqlRows,
    private readonly embedder: string,
    private readonly groupKey: string,
  ) {
    if (!KEY.test(groupKey)) throw new Error(`group key ${groupKey} is not a metadata key`);
  }

  async membersOf(
    groups: readonly string[],
    filters: SiblingFilters,
    limit: number,
  ): Promise<GroupMember[]> {
    if (groups.length === 0) return [];
    const { text, params } = groupMembersSql(this.groupKey, this.embedder, groups, filters, limit);
    const rows = z.array(MemberRow).parse(await this.sql.query(text, params));
    return rows.map((row) => ({ id: row.id, group: row.grp, version: row.version }));
  }
}

/** The membership query and its parameters (exported for its spec). */
export function groupMembersSql(
  groupKey: string,
  embedder: string,
  groups: readonly string[],
  filters: SiblingFilters,
  limit: number,
): { text: string; params: unknown[] } {
  const { group, where, params, bind } = membershipOf(groupKey, embedder, groups, filters);
  return {
    text: `SELECT id, ${group} AS grp, content_sha256 AS version FROM patterns
       WHERE ${where} LIMIT ${bind(limit)}`,
    params,
  };
}

/**
 * The membership query with each member's type and vector, except those `cached` holds at the member's
 * version (their vector is NULL: the caller has it), so one round trip answers both.
 */
export function groupSiblingsSql(
  groupKey: string,
  embedder: string,
  groups: readonly string[],
  filters: SiblingFilters,
  limit: number,
  cached: { readonly ids: readonly string[]; readonly versions: readonly string[] },
): { text: string; params: unknown[] } {
  const { group, where, params, bind } = membershipOf(groupKey, embedder, groups, filters);
  const held = `(id, content_sha256) IN (SELECT * FROM unnest(${bind([...cached.ids])}::text[], ${bind([...cached.versions])}::text[]))`;
  return {
    text: `SELECT id, ${group} AS grp, content_sha256 AS version, type,
         CASE WHEN ${held} THEN NULL ELSE vector END AS vector
       FROM patterns WHERE ${where} LIMIT ${bind(limit)}`,
    params,
  };
}

/** The WHERE of the membership: the groups, the embedder, and the search's filters. */
function membershipOf(
  groupKey: string,
  embedder: string,
  groups: readonly string[],
  filters: SiblingFilters,
) {
  const group = `(metadata ->> '${groupKey}')`;
  const params: unknown[] = [[...groups], embedder];
  const clauses = [`${group} = ANY($1::text[])`, 'indexed_embedder = $2'];
  const bind = (value: unknown) => `$${params.push(value)}`;
  if (filters.types && filters.types.length > 0) {
    clauses.push(`type = ANY(${bind([...filters.types])}::text[])`);
  }
  const inMetadata: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(filters.where ?? {})) {
    if (!COLUMN_KEYS.has(key)) inMetadata[key] = value;
    // A column holds text: Chroma never matches it to a number or a boolean.
    else clauses.push(typeof value === 'string' ? `${key} = ${bind(value)}` : 'false');
  }
  if (Object.keys(inMetadata).length > 0) {
    clauses.push(`metadata @> ${bind(JSON.stringify(inMetadata))}::jsonb`);
  }
  return { group, where: clauses.join(' AND '), params, bind };
}
