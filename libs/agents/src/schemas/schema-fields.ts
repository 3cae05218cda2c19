import { z } from 'zod';

// Field builders shared by the artifact schemas. Only constraints JSON Schema can express (lengths,
// counts, enums, ranges) are used: no regexes or refinements, so the schema a model is shown is the
// whole contract and a generic generator (the offline provider) can always satisfy it.

/** An identifier or name: required, short. */
export const name = (max = 200) => z.string().min(1).max(max);

/** Free text; may be empty when the model has nothing to say. */
export const text = (max = 2_000) => z.string().max(max);

/** A list of short strings. */
export const strings = (max = 20, min = 0) => z.array(text(500)).min(min).max(max);

/** A list of items; `min: 1` where a renderer needs at least one. */
export const list = <T extends z.ZodType>(item: T, max: number, min = 0) =>
  z.array(item).min(min).max(max);

/** A percentage, 0 to 100. */
export const percent = () => z.number().min(0).max(100);

/** Priority the way every stage expresses it. */
export const Priority = z.enum(['high', 'medium', 'low']);

/** Severity for risks and findings. */
export const Severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);
