import { codePointLength } from './code-points.util';
import { flatten, schemaForKey } from './generate-from-json-schema';
import { matchesJsonSchema } from './json-schema-check';
import { itemSchemasOf, type JsonSchema, type JsonSchemaObject, typesOf } from './json-schema';
import { type SeedPhrases } from './seed-phrases';

// Identifiers are referenced from elsewhere in a document (task ids in a milestone), so they keep
// their generated value; every other plain string is prose a longer answer would make longer.
const identifierKey = /(^id$|Id$|_id$|^slug$|Slug$|_slug$|^key$|Key$|_key$)/;
const maxGrowthRounds = 8;

/** Bytes of a JSON answer the way the agents store it (parsed, two-space indent). */
export const storedJsonBytes = (value: unknown): number =>
  value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value, null, 2));

interface Walk {
  readonly root: JsonSchema;
  readonly phrases: SeedPhrases;
  /** Characters still to add. */
  left: number;
}

/**
 * Sizes a generated JSON value to about `targetBytes` without leaving its schema. To grow, arrays
 * with room get copies of their first item until the prose strings could hold the rest, then the
 * prose strings are lengthened up to their `maxLength`; to shrink, array items beyond `minItems`
 * are dropped and prose is cut. Where the schema's bounds stop it the value stays as near as they
 * allow; the original is returned if the sized value would not validate.
 */
export function sizeJsonToBytes(
  value: unknown,
  schema: JsonSchema,
  targetBytes: number,
  phrases: SeedPhrases,
): unknown {
  const padded = structuredClone(value);
  const walk: Walk = { root: schema, phrases, left: 0 };
  for (let round = 0; round < maxGrowthRounds; round += 1) {
    walk.left = targetBytes - storedJsonBytes(padded);
    if (walk.left === 0) break;
    if (walk.left < 0) {
      // Trimming drops whole items and may undershoot; the next round grows back to the target.
      if (round > 0) break;
      trim(padded, schema, -walk.left, walk.root);
      continue;
    }
    const room = proseRoom(padded, schema, undefined, walk.root);
    if (room < walk.left && grow(padded, schema, walk.left - room, walk.root)) continue;
    lengthen(padded, schema, undefined, walk);
    break;
  }
  return matchesJsonSchema(padded, schema, schema) ? padded : value;
}

/**
 * Drops the largest array items that fit in `excess` bytes (keeping `minItems`), then cuts prose
 * from the end of the document for the rest.
 */
function trim(node: unknown, schema: JsonSchema, excess: number, root: JsonSchema): void {
  let left = excess;
  const sizes = new ItemSizes();
  for (let dropped = true; dropped && left > 0;) {
    const candidate = largestDroppable(node, schema, left, root, sizes);
    dropped = candidate !== undefined;
    if (candidate) {
      left -= storedJsonBytes(candidate.list.splice(candidate.index, 1)[0]);
      // Everything that held the list changed size; nothing else did.
      for (const holder of candidate.holders) sizes.forget(holder);
    }
  }
  const prose: { text: string; flat: JsonSchemaObject; replace: (next: string) => void }[] = [];
  eachProse(node, schema, undefined, root, (text, flat, replace) =>
    prose.push({ text, flat, replace }),
  );
  for (const { text, flat, replace } of prose.reverse()) {
    if (left <= 0) break;
    const chars = [...text];
    const keep = Math.max(flat.minLength ?? 0, 1, chars.length - left);
    left -= chars.length - keep;
    replace(chars.slice(0, keep).join(''));
  }
}

/**
 * {@link storedJsonBytes} of objects and arrays, kept while trimming: dropping an item walks the
 * whole value again, and only the containers that held the dropped item change size.
 */
class ItemSizes {
  private readonly known = new WeakMap<object, number>();

  of(value: unknown): number {
    if (typeof value !== 'object' || value === null) return storedJsonBytes(value);
    let bytes = this.known.get(value);
    if (bytes === undefined) this.known.set(value, (bytes = storedJsonBytes(value)));
    return bytes;
  }

  forget(value: object): void {
    this.known.delete(value);
  }
}

/**
 * The last item of the array whose last item is the largest one no bigger than `limit`, with the
 * containers on the way to that array (the array included).
 */
function largestDroppable(
  node: unknown,
  schema: JsonSchema,
  limit: number,
  root: JsonSchema,
  sizes: ItemSizes,
): { list: unknown[]; index: number; holders: readonly object[] } | undefined {
  let best: { list: unknown[]; index: number; bytes: number; holders: object[] } | undefined;
  const path: object[] = [];
  const visit = (current: unknown, at: JsonSchema): void => {
    if (typeof at === 'boolean') return;
    const flat = flatten(at, root);
    if (Array.isArray(current)) {
      path.push(current);
      const { tuple, rest } = itemSchemasOf(flat);
      const index = current.length - 1;
      const floor = Math.max(flat.minItems ?? 0, tuple.length);
      // Sized only when it could be dropped: trimming walks the whole value once per drop.
      const bytes = index >= floor ? sizes.of(current[index]) : 0;
      if (bytes > 0 && bytes <= limit && bytes > (best?.bytes ?? 0)) {
        best = { list: current, index, bytes, holders: [...path] };
      }
      current.forEach((item, i) => visit(item, tuple[i] ?? rest ?? true));
      path.pop();
    } else if (isRecord(current)) {
      path.push(current);
      for (const [k, v] of Object.entries(current)) visit(v, schemaForKey(flat, k));
      path.pop();
    }
  };
  visit(node, schema);
  return best;
}

/** Calls `visit` for each prose string (plain, not an identifier) with its schema. */
function eachProse(
  node: unknown,
  schema: JsonSchema,
  key: string | undefined,
  root: JsonSchema,
  visit: (text: string, schema: JsonSchemaObject, replace: (next: string) => void) => void,
  replace: (next: string) => void = () => undefined,
): void {
  if (typeof schema === 'boolean') return;
  const flat = flatten(schema, root);
  if (typeof node === 'string') {
    if (isProse(flat) && !(key !== undefined && identifierKey.test(key))) {
      visit(node, flat, replace);
    }
  } else if (Array.isArray(node)) {
    const { tuple, rest } = itemSchemasOf(flat);
    node.forEach((item, i) =>
      eachProse(item, tuple[i] ?? rest ?? true, key, root, visit, (next) => (node[i] = next)),
    );
  } else if (isRecord(node)) {
    for (const [k, v] of Object.entries(node)) {
      eachProse(v, schemaForKey(flat, k), k, root, visit, (next) => (node[k] = next));
    }
  }
}

/** How many characters the prose strings could still take. */
function proseRoom(node: unknown, schema: JsonSchema, key: string | undefined, root: JsonSchema) {
  let room = 0;
  eachProse(node, schema, key, root, (text, flat) => {
    room += Math.max(0, (flat.maxLength ?? Infinity) - codePointLength(text));
  });
  return room;
}

/** Lengthens prose strings in place, in document order, until `walk.left` is spent. */
function lengthen(node: unknown, schema: JsonSchema, key: string | undefined, walk: Walk): void {
  eachProse(node, schema, key, walk.root, (text, flat, replace) => {
    const add = Math.min((flat.maxLength ?? Infinity) - codePointLength(text), walk.left);
    if (add <= 1) return;
    walk.left -= add;
    replace(`${text} ${filler(add - 1, walk.phrases)}`);
  });
}

/**
 * Adds copies of the first item to the outermost array with room (top-level lists grow before
 * nested ones), as many as `needed` characters take at the size and prose room of that item.
 * False when no array can grow.
 */
function grow(node: unknown, schema: JsonSchema, needed: number, root: JsonSchema): boolean {
  const queue: { node: unknown; schema: JsonSchema }[] = [{ node, schema }];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (typeof next.schema === 'boolean') continue;
    const flat = flatten(next.schema, root);
    const current = next.node;
    if (Array.isArray(current)) {
      const { tuple, rest } = itemSchemasOf(flat);
      const template: unknown = current[tuple.length];
      const room = (flat.maxItems ?? Infinity) - current.length;
      if (template !== undefined && rest !== undefined && rest !== false && room > 0) {
        if (flat.uniqueItems !== true) {
          const each = storedJsonBytes(template) + proseRoom(template, rest, undefined, root);
          const count = Math.min(room, Math.max(1, Math.ceil(needed / Math.max(each, 1))));
          for (let i = 0; i < count; i += 1) current.push(structuredClone(template));
          return true;
        }
      }
      current.forEach((item, i) => queue.push({ node: item, schema: tuple[i] ?? rest ?? true }));
    } else if (isRecord(current)) {
      for (const [k, v] of Object.entries(current)) {
        queue.push({ node: v, schema: schemaForKey(flat, k) });
      }
    }
  }
  return false;
}

/** Grows markdown or text to about `targetBytes` with paragraphs from the requirements at its end. */
export function padTextToBytes(text: string, targetBytes: number, phrases: SeedPhrases): string {
  const left = targetBytes - Buffer.byteLength(text);
  if (left <= 2) return text;
  return `${text.trimEnd()}\n\n${filler(left - 3, phrases)}\n`;
}

/** About `chars` characters of sentences from the requirements, cut at the end. */
function filler(chars: number, phrases: SeedPhrases): string {
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    const sentence = phrases.sentence();
    parts.push(sentence);
    length += sentence.length + 1;
  }
  return [...parts.join(' ')].slice(0, chars).join('');
}

function isProse(schema: JsonSchemaObject): boolean {
  return (
    typesOf(schema).includes('string') &&
    schema.enum === undefined &&
    !('const' in schema) &&
    schema.format === undefined &&
    schema.pattern === undefined &&
    schema.anyOf === undefined &&
    schema.oneOf === undefined
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
