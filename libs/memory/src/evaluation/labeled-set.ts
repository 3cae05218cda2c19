import { z } from 'zod';
import * as raw from './labeled-set.data.json';

/** The shipped evaluation set: patterns, and queries with the ids that should answer them. */
export const LabeledSet = z.object({
  description: z.string(),
  patterns: z
    .array(
      z.object({
        id: z.string(),
        type: z.string(),
        /** The past project the pattern was learned from (what search pools by). */
        project: z.string().optional(),
        text: z.string(),
      }),
    )
    .min(100),
  queries: z.array(z.object({ text: z.string(), relevant: z.array(z.string()).min(1) })).min(30),
});
export type LabeledSet = z.infer<typeof LabeledSet>;

/** The set written for this product (libs/memory/src/evaluation/labeled-set.data.json). */
export const SHIPPED_LABELED_SET: LabeledSet = LabeledSet.parse(raw);
