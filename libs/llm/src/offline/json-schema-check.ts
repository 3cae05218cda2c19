import {
  itemSchemasOf,
  jsonTypeOf,
  type JsonSchema,
  type JsonSchemaObject,
  listOf,
  resolveRef,
  typesOf,
} from './json-schema';
import { matchesPattern } from './regex-sample';
import { codePointLength } from './code-points.util';

/**
 * Whether a value satisfies a schema, for the keywords the generator produces (formats are not
 * checked). The generator uses it to pick union branches that fit and to verify candidates; it is
 * not a general-purpose validator.
 */
export function matchesJsonSchema(
  value: unknown,
  schema: JsonSchema,
  root: JsonSchema = schema,
): boolean {
  return check(value, schema, root, 0);
}

function check(value: unknown, schema: JsonSchema, root: JsonSchema, depth: number): boolean {
  if (typeof schema === 'boolean') return schema;
  if (depth > 64) return true;
  const next = (v: unknown, s: JsonSchema): boolean => check(v, s, root, depth + 1);
  if (schema.$ref !== undefined) {
    const target = resolveRef(schema.$ref, root);
    if (target === undefined || !next(value, target)) return false;
  }
  if ('const' in schema && !deepEqual(value, schema.const)) return false;
  if (
    schema.enum !== undefined &&
    !listOf(schema.enum).some((option) => deepEqual(value, option))
  ) {
    return false;
  }
  if (!typeFits(value, schema)) return false;
  if (!listOf(schema.allOf).every((branch) => next(value, branch))) return false;
  if (schema.anyOf && !listOf(schema.anyOf).some((branch) => next(value, branch))) return false;
  if (schema.oneOf && listOf(schema.oneOf).filter((branch) => next(value, branch)).length !== 1) {
    return false;
  }
  if (schema.not !== undefined && next(value, schema.not)) return false;
  if (typeof value === 'string') return stringFits(value, schema);
  if (typeof value === 'number') return numberFits(value, schema);
  if (Array.isArray(value)) return arrayFits(value, schema, next);
  if (typeof value === 'object' && value !== null) {
    return objectFits(value as Record<string, unknown>, schema, next);
  }
  return true;
}

function typeFits(value: unknown, schema: JsonSchemaObject): boolean {
  const types = typesOf(schema);
  if (types.length === 0) return true;
  const actual = jsonTypeOf(value);
  if (actual === 'null' && schema.nullable === true) return true;
  return types.includes(actual) || (actual === 'integer' && types.includes('number'));
}

function stringFits(value: string, schema: JsonSchemaObject): boolean {
  const length = codePointLength(value);
  if (schema.minLength !== undefined && length < schema.minLength) return false;
  if (schema.maxLength !== undefined && length > schema.maxLength) return false;
  return schema.pattern === undefined || matchesPattern(schema.pattern, value);
}

/** Whether a number is within the schema's bounds (draft 4 boolean exclusives included). */
export function numberFits(value: number, schema: JsonSchemaObject): boolean {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
  if (minimum !== undefined && (exclusiveMinimum === true ? value <= minimum : value < minimum)) {
    return false;
  }
  if (maximum !== undefined && (exclusiveMaximum === true ? value >= maximum : value > maximum)) {
    return false;
  }
  if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum) return false;
  if (typeof exclusiveMaximum === 'number' && value >= exclusiveMaximum) return false;
  if (multipleOf !== undefined && multipleOf > 0) {
    const quotient = value / multipleOf;
    if (Math.abs(quotient - Math.round(quotient)) > 1e-9) return false;
  }
  return true;
}

function arrayFits(
  value: readonly unknown[],
  schema: JsonSchemaObject,
  next: (v: unknown, s: JsonSchema) => boolean,
): boolean {
  if (schema.minItems !== undefined && value.length < schema.minItems) return false;
  if (schema.maxItems !== undefined && value.length > schema.maxItems) return false;
  const { tuple, rest } = itemSchemasOf(schema);
  const fits = value.every((item, i) => {
    const itemSchema = i < tuple.length ? tuple[i] : rest;
    return itemSchema === undefined || next(item, itemSchema);
  });
  if (!fits) return false;
  if (schema.uniqueItems === true) {
    const keys = value.map((item) => JSON.stringify(item));
    if (new Set(keys).size !== keys.length) return false;
  }
  return true;
}

function objectFits(
  value: Readonly<Record<string, unknown>>,
  schema: JsonSchemaObject,
  next: (v: unknown, s: JsonSchema) => boolean,
): boolean {
  const keys = Object.keys(value);
  if (!listOf(schema.required).every((key) => key in value)) return false;
  if (schema.minProperties !== undefined && keys.length < schema.minProperties) return false;
  if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) return false;
  const properties = schema.properties ?? {};
  const patterns = Object.entries(schema.patternProperties ?? {});
  return keys.every((key) => {
    if (schema.propertyNames !== undefined && !next(key, schema.propertyNames)) return false;
    const own = properties[key];
    const matched = patterns.filter(([pattern]) => matchesPattern(pattern, key));
    if (own !== undefined && !next(value[key], own)) return false;
    if (!matched.every(([, s]) => next(value[key], s))) return false;
    if (own !== undefined || matched.length > 0) return true;
    return (
      schema.additionalProperties === undefined || next(value[key], schema.additionalProperties)
    );
  });
}

/** Structural equality for JSON values (`const`, `enum`). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  return (
    aKeys.length === bKeys.length &&
    aKeys.every((key) =>
      deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}
