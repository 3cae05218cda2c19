import { PricingTable, PricingTableError } from './pricing-table';

const usage = { inputTokens: 1_000_000, outputTokens: 100_000 };

describe(PricingTable.name, () => {
  const sut = new PricingTable();

  it('prices a call from per-million rates', () => {
    expect(sut.costOf('anthropic', 'claude-sonnet-4-5', usage)).toBe(4.5);
    expect(sut.costOf('openai', 'gpt-4o-mini', usage)).toBeCloseTo(0.21, 10);
  });

  it('matches dated snapshots by their longest listed prefix', () => {
    expect(sut.priceOf('anthropic', 'claude-sonnet-4-5-20250929')).toEqual(
      sut.priceOf('anthropic', 'claude-sonnet-4-5'),
    );
    expect(sut.priceOf('openai', 'gpt-4o-mini-2024-07-18')?.inputPer1M).toBe(0.15);
  });

  it("falls back to the provider's * entry, and knows nothing of unlisted ones", () => {
    expect(sut.costOf('anthropic', 'claude-sonnet-9', usage)).toBe(4.5);
    expect(sut.costOf('openai', 'llama3.2', usage)).toBeUndefined();
    expect(sut.costOf('someone-else', 'x', usage)).toBeUndefined();
  });

  it('charges nothing offline', () => {
    expect(sut.costOf('offline', 'offline-1', usage)).toBe(0);
  });

  it('prices cache reads and writes at their own rates, else at the input rate', () => {
    const cached = {
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 1_000_000,
      cacheWriteTokens: 1_000_000,
    };
    expect(sut.costOf('anthropic', 'claude-sonnet-4-5', cached)).toBeCloseTo(0.3 + 3.75, 10);
    const custom = PricingTable.fromJson({ local: { '*': { inputPer1M: 1, outputPer1M: 2 } } });
    expect(custom.costOf('local', 'any', cached)).toBe(2);
  });

  describe(PricingTable.fromJson.name, () => {
    it('lays a JSON price list over the defaults, model by model', () => {
      const table = PricingTable.fromJson(
        JSON.stringify({
          openai: { 'gpt-4o-mini': { inputPer1M: 1, outputPer1M: 1 } },
          ollama: { '*': { inputPer1M: 0, outputPer1M: 0 } },
        }),
      );
      expect(table.priceOf('openai', 'gpt-4o-mini')).toEqual({ inputPer1M: 1, outputPer1M: 1 });
      expect(table.priceOf('openai', 'gpt-4o')?.inputPer1M).toBe(2.5);
      expect(table.costOf('ollama', 'llama3', usage)).toBe(0);
    });

    it('can stand alone without the defaults', () => {
      const table = PricingTable.fromJson(
        { x: { '*': { inputPer1M: 1, outputPer1M: 1 } } },
        { defaults: false },
      );
      expect(table.priceOf('anthropic', 'claude-sonnet-4-5')).toBeUndefined();
    });

    it.each([
      '{not json',
      '{"openai":{"gpt":{"inputPer1M":-1,"outputPer1M":1}}}',
      '{"openai":{"gpt":{"input_per_1k":1}}}',
    ])('rejects %p with a PricingTableError', (json) => {
      expect(() => PricingTable.fromJson(json)).toThrow(PricingTableError);
    });
  });
});
