// Fields that name or rank an item: kept in a digest wherever they are, since downstream agents
// refer to items by them (a test case by its id, a phase by its number and name).
const IDENTIFYING =
  /^(id|key|name|title|phase|priority|severity|status|type|kind|level|category|method|path|endpoint|component|owner|role|screen|route|version|risk|likelihood|impact|effort|estimate|cwe|owasp)$/i;
const MAX_TEXT = 80;
const MAX_NAME = 60;
// Lists of values (steps, states, notes) keep their first few, each cut to a short line.
const MAX_LISTED = 48;
const MAX_ITEMS = 30;
const MAX_SCALARS = 3;
const MAX_DEPTH = 4;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const cut = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

const withMore = (kept: unknown[], total: number): unknown[] =>
  total > kept.length ? [...kept, `(+${total - kept.length} more)`] : kept;

/** An item of a list: what identifies it, its numbers and flags, its own lists; prose goes. */
const itemOf = (item: Record<string, unknown>, depth: number): Record<string, unknown> => {
  const entries = Object.entries(item).flatMap(([key, child]): [string, unknown][] => {
    if (typeof child === 'number' || typeof child === 'boolean') return [[key, child]];
    if (typeof child === 'string') {
      return IDENTIFYING.test(key) ? [[key, cut(child, MAX_NAME)]] : [];
    }
    if (Array.isArray(child)) return [[key, listOf(child, depth + 1)]];
    return isRecord(child) ? [[key, itemOf(child, depth + 1)]] : [];
  });
  // An item with nothing identifying keeps its first text, so it is not reduced to `{}`.
  const first = Object.values(item).find((child) => typeof child === 'string');
  const named = entries.some(([, child]) => typeof child === 'string');
  return Object.fromEntries(
    !named && typeof first === 'string' ? [['text', cut(first, MAX_NAME)], ...entries] : entries,
  );
};

const listOf = (items: readonly unknown[], depth: number): unknown => {
  if (depth > MAX_DEPTH) return `[${items.length} items]`;
  if (items.every(isRecord)) {
    return withMore(
      items.slice(0, MAX_ITEMS).map((item) => itemOf(item, depth)),
      items.length,
    );
  }
  // Inside list items a list of values is only counted: the item is named, not retold.
  if (depth >= 2) return `[${items.length} item${items.length === 1 ? '' : 's'}]`;
  return withMore(
    items
      .slice(0, MAX_SCALARS)
      .map((item) =>
        typeof item === 'string' ? cut(item, MAX_LISTED) : digestValue(item, depth + 1),
      ),
    items.length,
  );
};

const digestValue = (value: unknown, depth: number): unknown => {
  if (typeof value === 'string') return cut(value, MAX_TEXT);
  if (Array.isArray(value)) return listOf(value, depth);
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, digestValue(child, depth + 1)]),
    );
  }
  return value;
};

/**
 * A structured extraction of a JSON artifact: every key of the top levels, every list item with
 * the fields that identify it (id, name, priority, …), numbers and flags, nested lists; prose is
 * cut to a line or dropped. Compact JSON, so it reads as the artifact's outline.
 */
export const digestJson = (value: unknown): string => JSON.stringify(digestValue(value, 0));
