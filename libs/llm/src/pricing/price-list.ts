import { z } from 'zod';

/** The price of one model in a price list. */
export const modelPriceSchema = z.strictObject({
  inputPer1M: z.number().nonnegative(),
  outputPer1M: z.number().nonnegative(),
  // Cache prices default to the input price, which never under-counts.
  cacheReadPer1M: z.number().nonnegative().optional(),
  cacheWritePer1M: z.number().nonnegative().optional(),
});

/** `{ "<provider>": { "<model>" | "*": { inputPer1M, outputPer1M } } }`, USD per million tokens. */
export const priceListSchema = z.record(z.string(), z.record(z.string(), modelPriceSchema));

/** The price of one model, USD per million tokens. */
export type ModelPrice = z.infer<typeof modelPriceSchema>;

/** Prices by provider, then by model (or `*` for any model of that provider). */
export type PriceList = Readonly<Record<string, Readonly<Record<string, ModelPrice>>>>;
