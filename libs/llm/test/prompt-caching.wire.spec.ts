import { defineConfig } from '@agentbus/config';
import { AnthropicProvider } from '../src/anthropic/anthropic-provider';
import { createProvider } from '../src/config/create-provider';
import { llmEnv } from '../src/config/llm-env';
import { type LlmRequest } from '../src/llm-provider';
import { OpenAiCompatibleProvider } from '../src/openai/openai-compatible-provider';
import { PricingTable } from '../src/pricing/pricing-table';
import { anthropicAnswer, startAnthropicServer } from './servers/anthropic-server';
import { openAiAnswer, startOpenAiServer } from './servers/openai-server';
import { type RecordingServer } from './servers/recording-server';

const SHARED = 'Guardrail.\n\n<requirements>A recipe app.</requirements>';

// Two agents reading the same upstream context: the shared part first, then each one's own.
const requestOf = (agentPart: string, expected: LlmRequest['expected']): LlmRequest => ({
  system: `${SHARED}\n\n${agentPart}`,
  systemParts: [
    { text: SHARED, cache: true },
    { text: agentPart, cache: true },
  ],
  messages: [{ role: 'user', content: 'Write the qa artifact now.' }],
  maxTokens: 256,
  expected,
  outputInstructed: true,
});
const qa = requestOf('You are a QA engineer.', { kind: 'text' });
const security = requestOf('You are a security engineer.', { kind: 'text' });
const pricing = new PricingTable();

describe('prompt caching on the wire', () => {
  describe(AnthropicProvider.name, () => {
    let server: RecordingServer;
    const sut = () =>
      new AnthropicProvider({
        apiKey: 'sk-ant-test',
        baseURL: server.url,
        model: 'claude-test-1',
        timeoutMs: 5_000,
      });
    beforeAll(async () => {
      server = await startAnthropicServer();
    });
    afterEach(() => server.reset());
    afterAll(() => server.close());

    it('sends the system prompt as blocks with cache_control on each marked part', async () => {
      await sut().complete(qa);

      expect(server.requests[0]?.body['system']).toEqual([
        { type: 'text', text: SHARED, cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'You are a QA engineer.', cache_control: { type: 'ephemeral' } },
      ]);
      expect(server.requests[0]?.body['messages']).toEqual([
        { role: 'user', content: 'Write the qa artifact now.' },
      ]);
    });

    it('puts output instructions it adds after the cached parts, unmarked', async () => {
      const schema = { type: 'object', properties: { title: { type: 'string' } } };
      server.queue(anthropicAnswer({ text: ['{"title":"x"}'] }));

      await sut().complete({
        ...qa,
        outputInstructed: false,
        expected: { kind: 'json', jsonSchema: schema },
      });

      const blocks = server.requests[0]?.body['system'] as { text: string }[];
      expect(blocks).toHaveLength(3);
      expect(blocks[2]).toEqual({
        type: 'text',
        text: expect.stringContaining('single JSON value'),
      });
    });

    it('keeps a plain string system prompt for a request without parts', async () => {
      const { systemParts: _parts, ...plain } = qa;
      await sut().complete(plain);

      expect(server.requests[0]?.body['system']).toBe(qa.system);
    });

    it('reads cache writes and reads from usage and prices them at their own rates', async () => {
      server.queue(
        anthropicAnswer({
          inputTokens: 100,
          cacheWriteTokens: 2_000,
          cacheReadTokens: 3_000,
          outputTokens: 50,
        }),
      );

      const response = await sut().complete(qa);

      expect(response.usage).toEqual({
        inputTokens: 100,
        outputTokens: 50,
        cacheReadTokens: 3_000,
        cacheWriteTokens: 2_000,
      });
      // claude-sonnet-4-5: $3 input, $15 output, $0.30 cache read, $3.75 cache write per 1M.
      const expected = (100 * 3 + 50 * 15 + 3_000 * 0.3 + 2_000 * 3.75) / 1e6;
      expect(pricing.costOf(response.provider, 'claude-sonnet-4-5', response.usage)).toBeCloseTo(
        expected,
        10,
      );
      expect(expected).toBeLessThan((5_100 * 3 + 50 * 15) / 1e6); // cheaper than uncached
    });
  });

  describe(OpenAiCompatibleProvider.name, () => {
    let server: RecordingServer;
    const sut = (promptCacheKey?: boolean) =>
      new OpenAiCompatibleProvider({
        apiKey: 'sk-test',
        baseURL: `${server.url}/v1`,
        model: 'gpt-4o-mini',
        timeoutMs: 5_000,
        ...(promptCacheKey === undefined ? {} : { promptCacheKey }),
      });
    beforeAll(async () => {
      server = await startOpenAiServer();
    });
    afterEach(() => server.reset());
    afterAll(() => server.close());

    it('sends one prompt_cache_key for agents sharing a prefix, and the joined system prompt', async () => {
      await sut().complete(qa);
      await sut().complete(security);
      await sut().complete(requestOf('x', { kind: 'text' }));

      const [first, second] = server.requests;
      expect(first?.body['prompt_cache_key']).toMatch(/^agentbus-[0-9a-f]{32}$/);
      expect(second?.body['prompt_cache_key']).toBe(first?.body['prompt_cache_key']);
      expect(first?.body['messages']).toEqual([
        { role: 'system', content: qa.system },
        { role: 'user', content: 'Write the qa artifact now.' },
      ]);
    });

    it('sends no prompt_cache_key without marked parts, or when turned off', async () => {
      const { systemParts: _parts, ...plain } = qa;
      await sut().complete(plain);
      await sut(false).complete(qa);

      expect(server.requests.map((sent) => 'prompt_cache_key' in sent.body)).toEqual([
        false,
        false,
      ]);
    });

    it('sends no prompt_cache_key to a compatible server configured by OPENAI_BASE_URL', async () => {
      const env = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${server.url}/v1` };
      const { provider } = createProvider(defineConfig(llmEnv).load(env));

      await provider.complete(qa);

      expect(server.requests[0]?.body['messages']).toBeDefined();
      expect('prompt_cache_key' in (server.requests[0]?.body ?? {})).toBe(false);
    });

    it('prices cached prompt tokens at the cached rate', async () => {
      server.queue(openAiAnswer({ promptTokens: 1_000, cachedTokens: 800, completionTokens: 10 }));

      const response = await sut().complete(qa);

      // gpt-4o-mini: $0.15 input, $0.075 cached input, $0.60 output per 1M.
      expect(response.usage).toMatchObject({ inputTokens: 200, cacheReadTokens: 800 });
      expect(pricing.costOf(response.provider, response.model, response.usage)).toBeCloseTo(
        (200 * 0.15 + 800 * 0.075 + 10 * 0.6) / 1e6,
        10,
      );
    });
  });
});
