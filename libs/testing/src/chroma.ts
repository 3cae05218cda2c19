/** memory-service's Chroma collection prefix for a test namespace (`t_ab12` → `t-ab12-`). */
export const memoryCollectionPrefix = (namespace: string): string =>
  `${namespace.toLowerCase().replace(/[^a-z0-9.-]/g, '-')}-`;

const COLLECTIONS = '/api/v2/tenants/default_tenant/databases/default_database/collections';

/**
 * Deletes every Chroma collection whose name starts with `prefix` (a stack's memory, so the next
 * stack's memory-service does not inherit, and sweep, its vectors); returns their names.
 */
export async function deleteChromaCollections(url: string, prefix: string): Promise<string[]> {
  if (prefix.length < 3) {
    throw new Error(`refusing to delete Chroma collections by prefix ${prefix}`);
  }
  const base = `${url.replace(/\/$/, '')}${COLLECTIONS}`;
  const deleted: string[] = [];
  for (let offset = 0; ; offset += 1_000) {
    const response = await fetch(`${base}?limit=1000&offset=${offset}`);
    if (!response.ok) throw new Error(`Chroma listed collections with HTTP ${response.status}`);
    const page = (await response.json()) as { name: string }[];
    for (const { name } of page.filter((collection) => collection.name.startsWith(prefix))) {
      const gone = await fetch(`${base}/${encodeURIComponent(name)}`, { method: 'DELETE' });
      if (gone.ok) deleted.push(name);
    }
    if (page.length < 1_000) return deleted;
  }
}
