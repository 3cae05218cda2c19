import os from 'node:os';

// Jest gives every test file its own module registry and its own globalThis, so a module-level
// cache would start one container per file. Node's core modules are the only objects that all test
// files of a worker share, so the cache hangs off one of them under a registry symbol.
const KEY = Symbol.for('@agentbus/testing:shared-memo');

type Memo = Map<string, Promise<unknown>>;

const memo = (): Memo => {
  const holder = os as unknown as Record<symbol, Memo | undefined>;
  const existing = holder[KEY];
  if (existing) return existing;
  const created: Memo = new Map();
  Object.defineProperty(os, KEY, { value: created, enumerable: false });
  return created;
};

/**
 * Runs `create` once per process for `key` and shares its promise; a rejection is not kept,
 * so the next caller tries again.
 */
export const sharedMemo = <T>(key: string, create: () => Promise<T>): Promise<T> => {
  const map = memo();
  const existing = map.get(key) as Promise<T> | undefined;
  if (existing) return existing;
  const created = create();
  map.set(key, created);
  created.catch(() => map.delete(key));
  return created;
};
