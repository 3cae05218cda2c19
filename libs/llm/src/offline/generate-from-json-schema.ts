import { generateNumber } from './generate-number';
import { generateString } from './generate-string';
import { type GenerationContext, type Position } from './generation-context';
import { matchesJsonSchema } from './json-schema-check';
import {
  itemSchemasOf,
  jsonTypeOf,
  type JsonSchema,
  type JsonSchemaObject,
  listOf,
  resolveRef,
  typesOf,
} from './json-schema';
import { matchesPattern, sampleRegex } from './regex-sample';
import { SeedPhrases } from './seed-phrases';
import { SeededRandom } from './seeded-random';

/** Below this depth documents are kept minimal (required keys, fewest items), so recursion ends. */
const fullDepth = 6;
const giveUpDepth = 40;

/**
 * A value that validates against `schema`, filled from `seedText` (the requirements) and the same
 * for the same inputs: all properties (required and optional), 2–4 array items within
 * minItems/maxItems, enums, consts, formats, simple patterns, numeric bounds, local `$ref`s, and
 * for `anyOf`/`oneOf` the first branch whose value fits. Free-text fields (summary, description…)
 * say they were generated offline.
 */
export function generateFromJsonSchema(
  schema: Readonly<Record<string, unknown>> | boolean,
  seedText: string,
  seed: number | string = 0,
): unknown {
  const root = schema as JsonSchema;
  const random = new SeededRandom(seed);
  const ctx: GenerationContext = { root, random, phrases: new SeedPhrases(seedText, random) };
  return valueFor(root, { key: undefined, depth: 0 }, ctx);
}

function valueFor(schema: JsonSchema, at: Position, ctx: GenerationContext): unknown {
  if (schema === false || at.depth > giveUpDepth) return null;
  if (schema === true) return generateString({}, at, ctx);
  const flat = flatten(schema, ctx.root);
  if ('const' in flat) return flat.const;
  if (flat.enum !== undefined) return pickEnum(flat, ctx);
  if (flat.anyOf !== undefined || flat.oneOf !== undefined) return fromUnion(flat, at, ctx);
  switch (typeFor(flat)) {
    case 'object':
      return objectFor(flat, at, ctx);
    case 'array':
      return arrayFor(flat, at, ctx);
    case 'integer':
      return generateNumber(flat, true, ctx);
    case 'number':
      return generateNumber(flat, false, ctx);
    case 'boolean':
      return ctx.random.next() < 0.5;
    case 'null':
      return null;
    default:
      return generateString(flat, at, ctx);
  }
}

// Flattened schemas by schema node and root document. Agents' schemas are built once and reused,
// and sizing an answer flattens the same nodes on every walk; the results are read-only.
const flattened = new WeakMap<JsonSchemaObject, WeakMap<object, JsonSchemaObject>>();

/** Resolves `$ref`s and folds `allOf` into one schema (properties merged, `required` united). */
export function flatten(schema: JsonSchemaObject, root: JsonSchema, hops = 0): JsonSchemaObject {
  if (hops > 0 || typeof root !== 'object') return flattenUncached(schema, root, hops);
  let byRoot = flattened.get(schema);
  if (byRoot === undefined) flattened.set(schema, (byRoot = new WeakMap()));
  let flat = byRoot.get(root);
  if (flat === undefined) byRoot.set(root, (flat = flattenUncached(schema, root, 0)));
  return flat;
}

function flattenUncached(
  schema: JsonSchemaObject,
  root: JsonSchema,
  hops: number,
): JsonSchemaObject {
  const { $ref, allOf, ...own } = schema;
  const parts: JsonSchemaObject[] = [];
  const target = $ref === undefined || hops > 32 ? undefined : resolveRef($ref, root);
  if (typeof target === 'object') parts.push(flatten(target, root, hops + 1));
  for (const branch of listOf(allOf)) {
    if (typeof branch === 'object') parts.push(flatten(branch, root, hops + 1));
  }
  parts.push(own);
  return parts.length === 1 ? own : parts.reduce(mergeSchemas);
}

function mergeSchemas(a: JsonSchemaObject, b: JsonSchemaObject): JsonSchemaObject {
  const merged = { ...a, ...b };
  if (a.properties || b.properties) merged.properties = { ...a.properties, ...b.properties };
  if (a.required || b.required) {
    merged.required = [...new Set([...listOf(a.required), ...listOf(b.required)])];
  }
  return merged;
}

/** The type to generate: the first non-null one listed, else what the keywords imply. */
function typeFor(schema: JsonSchemaObject): string {
  const types = typesOf(schema);
  const chosen = types.find((type) => type !== 'null') ?? types[0];
  if (chosen !== undefined) return chosen;
  if (schema.properties || schema.required || schema.additionalProperties !== undefined) {
    return 'object';
  }
  if (schema.items !== undefined || schema.prefixItems !== undefined) return 'array';
  if (schema.minimum !== undefined || schema.maximum !== undefined) return 'number';
  return 'string';
}

function pickEnum(schema: JsonSchemaObject, ctx: GenerationContext): unknown {
  const { enum: values, ...constraints } = schema;
  const options = listOf(values);
  // An enum may list values its `type` forbids; prefer the ones that validate.
  const typed = options.filter((option) => matchesJsonSchema(option, constraints, ctx.root));
  const pool = typed.length > 0 ? typed : options;
  return pool.length > 0 ? ctx.random.pick(pool) : null;
}

/** Non-null branches first, in order; the first whose value satisfies the whole schema wins. */
function fromUnion(schema: JsonSchemaObject, at: Position, ctx: GenerationContext): unknown {
  const { anyOf, oneOf, ...rest } = schema;
  const branches = [...listOf(anyOf), ...listOf(oneOf)];
  const ordered = [
    ...branches.filter((branch) => !isNullOnly(branch, ctx.root)),
    ...branches.filter((branch) => isNullOnly(branch, ctx.root)),
  ];
  let first: unknown;
  for (const [i, branch] of ordered.entries()) {
    const merged = typeof branch === 'object' ? { ...rest, ...flatten(branch, ctx.root) } : branch;
    const value = valueFor(merged, at, ctx);
    if (matchesJsonSchema(value, schema, ctx.root)) return value;
    if (i === 0) first = value;
  }
  return first ?? null;
}

function isNullOnly(branch: JsonSchema, root: JsonSchema): boolean {
  if (typeof branch !== 'object') return false;
  const types = typesOf(flatten(branch, root));
  return types.length === 1 && types[0] === 'null';
}

function objectFor(
  schema: JsonSchemaObject,
  at: Position,
  ctx: GenerationContext,
): Record<string, unknown> {
  const properties = schema.properties ?? {};
  const required = listOf(schema.required);
  const minimal = at.depth >= fullDepth;
  const keys = minimal ? required : [...new Set([...Object.keys(properties), ...required])];
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    result[key] = valueFor(schemaForKey(schema, key), { key, depth: at.depth + 1 }, ctx);
  }
  addRecordEntries(result, schema, at, ctx);
  return result;
}

/** The schema a property must satisfy: its own, a matching pattern's, or the additional one. */
export function schemaForKey(schema: JsonSchemaObject, key: string): JsonSchema {
  const own = schema.properties?.[key];
  if (own !== undefined) return own;
  const byPattern = Object.entries(schema.patternProperties ?? {}).find(([pattern]) =>
    matchesPattern(pattern, key),
  );
  if (byPattern) return byPattern[1];
  const additional = schema.additionalProperties;
  return additional === undefined || additional === false ? true : additional;
}

/**
 * Maps (`z.record`, `additionalProperties: {…}`, `patternProperties`) get a couple of entries with
 * slug keys, or at least `minProperties`; objects with declared properties get only those.
 */
function addRecordEntries(
  result: Record<string, unknown>,
  schema: JsonSchemaObject,
  at: Position,
  ctx: GenerationContext,
): void {
  const isMap =
    schema.properties === undefined &&
    (typeof schema.additionalProperties === 'object' ||
      schema.patternProperties !== undefined ||
      schema.propertyNames !== undefined);
  const wanted = Math.min(
    Math.max(schema.minProperties ?? 0, isMap && at.depth < fullDepth ? 2 : 0),
    schema.maxProperties ?? Infinity,
  );
  for (let tries = 0; Object.keys(result).length < wanted && tries < wanted * 4; tries += 1) {
    const key = keyFor(schema, ctx);
    if (key === undefined || key in result) continue;
    result[key] = valueFor(schemaForKey(schema, key), { key, depth: at.depth + 1 }, ctx);
  }
}

function keyFor(schema: JsonSchemaObject, ctx: GenerationContext): string | undefined {
  const [pattern] = Object.keys(schema.patternProperties ?? {});
  if (pattern !== undefined && schema.additionalProperties === false) {
    return sampleRegex(pattern, ctx.random);
  }
  const names = schema.propertyNames;
  const key =
    typeof names === 'object' ? valueFor(names, { key: 'key', depth: 1 }, ctx) : ctx.phrases.slug();
  return typeof key === 'string' ? key : undefined;
}

function arrayFor(schema: JsonSchemaObject, at: Position, ctx: GenerationContext): unknown[] {
  const { tuple, rest } = itemSchemasOf(schema);
  const min = schema.minItems ?? 0;
  const max = Math.min(schema.maxItems ?? Infinity, rest === false ? tuple.length : Infinity);
  const preferred = at.depth >= fullDepth ? 0 : ctx.random.int(2, 4);
  const count = Math.max(tuple.length, Math.min(max, Math.max(min, preferred)));
  const items: unknown[] = [];
  const seen = new Set<string>();
  for (let i = 0, tries = 0; items.length < count && tries < count * 8; tries += 1) {
    const itemSchema = (i < tuple.length ? tuple[i] : rest) ?? true;
    const item = valueFor(itemSchema, { key: at.key, depth: at.depth + 1 }, ctx);
    const identity = `${jsonTypeOf(item)}:${JSON.stringify(item)}`;
    if (schema.uniqueItems === true && seen.has(identity) && i >= tuple.length) continue;
    seen.add(identity);
    items.push(item);
    i += 1;
  }
  return items;
}
