/**
 * The JSON Schema keywords the offline generator reads (drafts 4 to 2020-12, as zod 4 and
 * hand-written agent schemas produce them). Schemas arrive untyped, so readers stay defensive.
 */
export interface JsonSchemaObject {
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly allOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly not?: JsonSchema;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonSchema;
  readonly patternProperties?: Readonly<Record<string, JsonSchema>>;
  readonly propertyNames?: JsonSchema;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly items?: JsonSchema | readonly JsonSchema[];
  readonly prefixItems?: readonly JsonSchema[];
  readonly additionalItems?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  /** A number since draft 6; a boolean modifier of `minimum` in draft 4. */
  readonly exclusiveMinimum?: number | boolean;
  readonly exclusiveMaximum?: number | boolean;
  readonly multipleOf?: number;
  /** OpenAPI 3.0's way of saying `null` is allowed too. */
  readonly nullable?: boolean;
  readonly description?: string;
}

/** A schema: an object of keywords, or `true` (anything) / `false` (nothing). */
export type JsonSchema = boolean | JsonSchemaObject;

/** Resolves a local `$ref` (`#`, `#/$defs/x`, `#/definitions/x`, any JSON pointer into the root). */
export function resolveRef(ref: string, root: JsonSchema): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined;
  const tokens = ref
    .slice(1)
    .split('/')
    .filter((token) => token !== '')
    .map((token) => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = root;
  for (const token of tokens) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return typeof node === 'boolean' || (typeof node === 'object' && node !== null)
    ? (node as JsonSchema)
    : undefined;
}

/** The schema's `type` as a list; empty when it does not say. */
export function typesOf(schema: JsonSchemaObject): readonly string[] {
  if (typeof schema.type === 'string') return [schema.type];
  return Array.isArray(schema.type) ? schema.type.filter((t) => typeof t === 'string') : [];
}

/** A JSON value's JSON Schema type (`integer` for whole numbers). */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** `readonly T[]` when the keyword holds an array, else empty (schemas arrive untyped). */
export const listOf = <T>(value: readonly T[] | undefined): readonly T[] =>
  Array.isArray(value) ? value : [];

/** An array schema's positional item schemas and the schema for the rest (either draft's spelling). */
export function itemSchemasOf(schema: JsonSchemaObject): {
  readonly tuple: readonly JsonSchema[];
  readonly rest: JsonSchema | undefined;
} {
  if (Array.isArray(schema.prefixItems)) {
    return { tuple: schema.prefixItems, rest: schema.items as JsonSchema | undefined };
  }
  if (Array.isArray(schema.items)) return { tuple: schema.items, rest: schema.additionalItems };
  return { tuple: [], rest: schema.items as JsonSchema | undefined };
}
