/** Keys that name a prototype slot: never fields of this API, and a pollution risk when copied. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The dotted path of every `__proto__`, `constructor` or `prototype` key in a parsed JSON value or
 * query, at any depth. Such keys must be refused by name: class-transformer silently drops
 * `__proto__` and `constructor`, so whitelist validation never sees them. Walks with its own
 * stack rather than by recursion, whatever produced the value.
 */
export function prototypeKeyPaths(value: unknown): string[] {
  const found: string[] = [];
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    // Own keys only: a JSON.parse result or query object has no others that matter.
    for (const [key, child] of Object.entries(next.value)) {
      const path = next.path === '' ? key : `${next.path}.${key}`;
      if (PROTOTYPE_KEYS.has(key)) found.push(path);
      pending.push({ value: child, path });
    }
  }
  return found.sort();
}
