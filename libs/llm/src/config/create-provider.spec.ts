import { defineConfig } from '@agentbus/config';

import { OfflineProvider } from '../offline/offline-provider';
import { createProvider, defaultModels } from './create-provider';
import { llmEnv } from './llm-env';

const LlmConfig = defineConfig(llmEnv);
const load = (env: Record<string, string>) => LlmConfig.load(env);

describe(createProvider.name, () => {
  it('is offline, and says why, when no key is configured', () => {
    const created = createProvider(load({}));
    expect(created.provider).toBeInstanceOf(OfflineProvider);
    expect(created.provider.model).toBe('offline-1');
    expect(created.note).toMatch(/no LLM key/);
  });

  it('falls back to offline with a note when the chosen provider has no key', () => {
    const anthropic = createProvider(load({ LLM_PROVIDER: 'anthropic', OPENAI_API_KEY: 'sk' }));
    expect(anthropic.provider.name).toBe('offline');
    expect(anthropic.note).toMatch(/ANTHROPIC_API_KEY is not set/);
    const openai = createProvider(load({ LLM_PROVIDER: 'openai' }));
    expect(openai.provider.name).toBe('offline');
    expect(openai.note).toMatch(/OPENAI_API_KEY/);
  });

  it('builds a resilient Anthropic provider with the default model', () => {
    const created = createProvider(
      load({ LLM_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant' }),
    );
    expect(created.provider).toMatchObject({ name: 'anthropic', model: defaultModels.anthropic });
    expect(created.provider).toHaveProperty('breaker');
    expect(created.note).toBeUndefined();
  });

  it('picks the provider whose key is set when LLM_PROVIDER is unset', () => {
    expect(createProvider(load({ ANTHROPIC_API_KEY: 'sk-ant' })).provider.name).toBe('anthropic');
    expect(
      createProvider(load({ OPENAI_API_KEY: 'sk', LLM_MODEL: 'gpt-4.1' })).provider,
    ).toMatchObject({
      name: 'openai',
      model: 'gpt-4.1',
    });
  });

  it('needs no key for an OpenAI-compatible server at OPENAI_BASE_URL (Ollama)', () => {
    const created = createProvider(
      load({
        LLM_PROVIDER: 'openai',
        OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
        LLM_MODEL: 'llama3.2',
      }),
    );
    expect(created.provider).toMatchObject({ name: 'openai', model: 'llama3.2' });
  });

  it('honours an explicit offline choice without a note', () => {
    const created = createProvider(load({ LLM_PROVIDER: 'offline', ANTHROPIC_API_KEY: 'sk-ant' }));
    expect(created.provider.name).toBe('offline');
    expect(created.note).toBeUndefined();
  });

  it('returns the pricing table with LLM_PRICING_JSON applied', () => {
    const created = createProvider(
      load({ LLM_PRICING_JSON: '{"offline":{"*":{"inputPer1M":1,"outputPer1M":1}}}' }),
    );
    expect(
      created.pricing.costOf('offline', 'offline-1', { inputTokens: 1e6, outputTokens: 0 }),
    ).toBe(1);
  });
});

describe('llmEnv', () => {
  it('parses defaults and marks the keys sensitive', () => {
    expect(load({})).toMatchObject({
      OPENAI_JSON_MODE: true,
      LLM_TIMEOUT_MS: 120_000,
      LLM_MAX_RETRIES: 3,
    });
    expect(LlmConfig.sensitiveKeys).toEqual(['ANTHROPIC_API_KEY', 'OPENAI_API_KEY']);
  });

  it('fails fast on a bad provider name or a broken price list', () => {
    expect(() => load({ LLM_PROVIDER: 'gemini' })).toThrow(/LLM_PROVIDER/);
    expect(() => load({ LLM_PRICING_JSON: '{oops' })).toThrow(
      /LLM_PRICING_JSON: price list is not valid JSON/,
    );
  });
});
