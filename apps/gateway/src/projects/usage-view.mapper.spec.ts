import { NO_USAGE, usageView } from './usage-view.mapper';

describe(usageView.name, () => {
  it('adds up every kind of token, the total counting cached and cache-written prompt tokens', () => {
    const rows = [
      {
        input_tokens: 100,
        cache_read_tokens: 900,
        cache_write_tokens: 0,
        output_tokens: 50,
        cost_usd: 0.1,
        calls: 1,
      },
      {
        input_tokens: 10,
        cache_read_tokens: 0,
        cache_write_tokens: 300,
        output_tokens: 5,
        cost_usd: 0.2,
        calls: 2,
      },
    ];
    expect(usageView(rows)).toEqual({
      inputTokens: 110,
      cachedTokens: 900,
      cacheWriteTokens: 300,
      outputTokens: 55,
      totalTokens: 1_365,
      costUsd: 0.3, // not 0.30000000000000004
      llmCalls: 3,
    });
  });

  it('is all zeros without calls', () => {
    expect(usageView([])).toEqual(NO_USAGE);
  });
});
