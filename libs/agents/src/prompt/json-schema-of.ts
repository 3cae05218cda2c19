import { z } from 'zod';

const convert = (schema: z.ZodType) => z.toJSONSchema(schema);
type JsonSchema = ReturnType<typeof convert>;

const cache = new WeakMap<z.ZodType, JsonSchema>();

/**
 * The JSON Schema of an agent's output schema, converted once per process: zod's conversion walks
 * the whole schema and was the worker's largest cost per task when done per prompt. Callers must
 * not mutate the result.
 */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  let jsonSchema = cache.get(schema);
  if (jsonSchema === undefined) {
    jsonSchema = convert(schema);
    cache.set(schema, jsonSchema);
  }
  return jsonSchema;
}
