import { z } from 'zod';

const cache = new WeakMap<z.ZodType, ReturnType<typeof z.toJSONSchema>>();

/**
 * The JSON Schema of an agent's output schema, converted once per process: zod's conversion walks
 * the whole schema and was the worker's largest cost per task when done per prompt. Callers must
 * not mutate the result.
 */
export function jsonSchemaOf(schema: z.ZodType): ReturnType<typeof z.toJSONSchema> {
  let jsonSchema = cache.get(schema);
  if (jsonSchema === undefined) {
    jsonSchema = z.toJSONSchema(schema);
    cache.set(schema, jsonSchema);
  }
  return jsonSchema;
}
