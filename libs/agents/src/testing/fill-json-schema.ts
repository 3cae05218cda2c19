// Test-only: a deliberately naive JSON Schema filler, standing in for the offline provider's
// generator. If it can satisfy an agent's schema from the JSON Schema alone, so can any generic
// generator that honours types, bounds and enums.

type Schema = Readonly<Record<string, unknown>>;

const num = (schema: Schema, key: string): number | undefined =>
  typeof schema[key] === 'number' ? schema[key] : undefined;

const fillString = (schema: Schema): string => {
  const min = num(schema, 'minLength') ?? 0;
  const max = num(schema, 'maxLength') ?? Number.MAX_SAFE_INTEGER;
  return 'sample text'.padEnd(min, 'x').slice(0, max);
};

const fillNumber = (schema: Schema, integer: boolean): number => {
  const exclusive = num(schema, 'exclusiveMinimum');
  const low = num(schema, 'minimum') ?? (exclusive === undefined ? 0 : exclusive + 1);
  const high = num(schema, 'maximum') ?? low;
  const value = Math.min(Math.max(low, 0), high);
  return integer ? Math.ceil(value) : value;
};

/** A value for `schema`: the first enum member, the bounds' low end, one array item where allowed. */
export const fillJsonSchema = (schema: Schema): unknown => {
  if (Array.isArray(schema['enum'])) return schema['enum'][0] as unknown;
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['anyOf'])) return fillJsonSchema(schema['anyOf'][0] as Schema);
  if ('$ref' in schema) throw new Error('the filler does not resolve $ref');
  switch (schema['type']) {
    case 'object': {
      const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
      return Object.fromEntries(
        Object.entries(properties).map(([key, child]) => [key, fillJsonSchema(child)]),
      );
    }
    case 'array': {
      const count = Math.min(
        Math.max(num(schema, 'minItems') ?? 0, 1),
        num(schema, 'maxItems') ?? 1,
      );
      return Array.from({ length: count }, () => fillJsonSchema(schema['items'] as Schema));
    }
    case 'string':
      return fillString(schema);
    case 'integer':
      return fillNumber(schema, true);
    case 'number':
      return fillNumber(schema, false);
    case 'boolean':
      return true;
    default:
      throw new Error(`the filler cannot fill ${JSON.stringify(schema)}`);
  }
};
