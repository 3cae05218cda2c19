import { z } from 'zod';
import { defineQuery } from '../define-query';
import { PatternType } from '../memory/pattern-stored.v1';

/** Similar past patterns for a text, answered by the memory-service. */
export const MemorySearchV1 = defineQuery({
  version: 1,
  entity: 'memory',
  verb: 'search',
  description: 'find stored patterns similar to a text',
  request: z.strictObject({
    text: z.string().min(1).max(20_000),
    types: z.array(PatternType).max(20).optional(),
    k: z.number().int().min(1).max(50).default(5),
    minScore: z.number().min(0).max(1).default(0),
  }),
  response: z.strictObject({
    hits: z.array(
      z.strictObject({
        id: z.string(),
        type: PatternType,
        score: z.number(),
        text: z.string(),
        metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
      }),
    ),
  }),
});
