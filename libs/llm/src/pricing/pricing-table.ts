import { z } from 'zod';

import { type LlmTokenUsage } from '../llm-provider';
import { defaultPrices } from './default-prices';
import { type ModelPrice, type PriceList, priceListSchema } from './price-list';

/** `LLM_PRICING_JSON` was not valid JSON or not a price list. */
export class PricingTableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PricingTableError';
  }
}

/**
 * What calls cost. A model matches exactly, else by its longest listed prefix (so a dated snapshot
 * such as `claude-sonnet-4-5-20250929` takes `claude-sonnet-4-5`'s price), else the provider's `*`.
 */
export class PricingTable {
  constructor(readonly prices: PriceList = defaultPrices) {}

  /**
   * Parses a price list (a JSON string or an object) and lays it over the shipped defaults, model
   * by model; pass `{ defaults: false }` to use it alone. Throws {@link PricingTableError}.
   */
  static fromJson(json: unknown, options: { defaults?: boolean } = {}): PricingTable {
    let raw: unknown = json;
    if (typeof json === 'string') {
      try {
        raw = JSON.parse(json);
      } catch (error) {
        throw new PricingTableError('price list is not valid JSON', { cause: error });
      }
    }
    const parsed = priceListSchema.safeParse(raw);
    if (!parsed.success) {
      throw new PricingTableError(`invalid price list: ${z.prettifyError(parsed.error)}`, {
        cause: parsed.error,
      });
    }
    if (options.defaults === false) return new PricingTable(parsed.data);
    const merged: Record<string, Readonly<Record<string, ModelPrice>>> = { ...defaultPrices };
    for (const [provider, models] of Object.entries(parsed.data)) {
      merged[provider] = { ...defaultPrices[provider], ...models };
    }
    return new PricingTable(merged);
  }

  /** The price that applies to a model, if any. */
  priceOf(provider: string, model: string): ModelPrice | undefined {
    const models = this.prices[provider];
    if (models === undefined) return undefined;
    const exact = models[model];
    if (exact !== undefined) return exact;
    const prefix = Object.keys(models)
      .filter((key) => key !== '*' && model.startsWith(key))
      .sort((a, b) => b.length - a.length)[0];
    return models[prefix ?? '*'];
  }

  /** USD for one call, or undefined when no price is known for the model. */
  costOf(provider: string, model: string, usage: LlmTokenUsage): number | undefined {
    const price = this.priceOf(provider, model);
    if (price === undefined) return undefined;
    const microDollars =
      usage.inputTokens * price.inputPer1M +
      usage.outputTokens * price.outputPer1M +
      (usage.cacheReadTokens ?? 0) * (price.cacheReadPer1M ?? price.inputPer1M) +
      (usage.cacheWriteTokens ?? 0) * (price.cacheWritePer1M ?? price.inputPer1M);
    // Rounded to 1e-8 USD, so sums of many calls do not show float noise.
    return Math.round(microDollars * 100) / 1e8;
  }
}
