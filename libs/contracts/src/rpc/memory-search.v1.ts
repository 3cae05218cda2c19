import { z } from 'zod';
import { defineQuery } from '../define-query';
import { PatternType } from '../memory/pattern-stored.v1';

const MetadataValue = z.union([z.string().max(2_000), z.number(), z.boolean()]);

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
    /** Minimum cosine similarity of a hit to the text. */
    minScore: z.number().min(0).max(1).default(0),
    /** Exact-match filters on pattern metadata (e.g. `{ source: 'template' }`). */
    where: z
      .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/), MetadataValue)
      .refine((where) => Object.keys(where).length <= 10, 'at most 10 filters')
      .optional(),
    /** Patterns never to return, e.g. the ones a reviewer excluded for the project. */
    excludeIds: z.array(z.string().min(1).max(200)).max(200).optional(),
  }),
  response: z.strictObject({
    hits: z.array(
      z.strictObject({
        id: z.string(),
        type: PatternType,
        /** The rank: similarity blended with the success score (weights in memory's config). */
        score: z.number(),
        /** Cosine similarity of the pattern to the text. */
        similarity: z.number().optional(),
        /** How well the pattern did in projects that reused it, 0..1 (0.5 before any). */
        successScore: z.number().optional(),
        text: z.string(),
        metadata: z.record(z.string(), MetadataValue),
      }),
    ),
  }),
});
