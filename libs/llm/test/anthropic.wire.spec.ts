import { AnthropicProvider } from '../src/anthropic/anthropic-provider';
import {
  LlmAbortedError,
  LlmAuthError,
  LlmRateLimitedError,
  LlmRequestError,
  LlmTimeoutError,
  LlmUnavailableError,
} from '../src/llm.errors';
import { type LlmRequest } from '../src/llm-provider';
import {
  anthropicAnswer,
  anthropicCutStream,
  anthropicError,
  anthropicStreamError,
  slowly,
  startAnthropicServer,
} from './servers/anthropic-server';
import { type RecordingServer } from './servers/recording-server';

const request: LlmRequest = {
  system: 'You write product requirements.',
  messages: [{ role: 'user', content: 'A recipe app.' }],
  maxTokens: 512,
  expected: { kind: 'text' },
};

describe(AnthropicProvider.name, () => {
  let server: RecordingServer;
  const sut = (options: { timeoutMs?: number; stream?: boolean } = {}) =>
    new AnthropicProvider({
      apiKey: 'sk-ant-test',
      baseURL: server.url,
      model: 'claude-test-1',
      timeoutMs: options.timeoutMs ?? 5_000,
      ...(options.stream === undefined ? {} : { stream: options.stream }),
    });

  beforeAll(async () => {
    server = await startAnthropicServer();
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  it('streams a message: text from text blocks, usage from message_start and message_delta', async () => {
    server.queue(
      anthropicAnswer({
        text: ['The app ', 'shares ', 'recipes.'],
        thinking: 'Let me think about recipes first.',
        inputTokens: 40,
        outputTokens: 17,
        cacheReadTokens: 8,
      }),
    );
    const progress: number[] = [];

    const response = await sut().complete(request, {
      onProgress: (tokens) => progress.push(tokens),
    });

    expect(response).toEqual({
      text: 'The app shares recipes.',
      provider: 'anthropic',
      model: 'claude-test-1',
      usage: { inputTokens: 40, outputTokens: 17, cacheReadTokens: 8, cacheWriteTokens: 0 },
      stopReason: 'end_turn',
      truncated: false,
      responseId: 'msg_01XFDUDYJgAACzvnptvVoYEL',
    });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(17);
  });

  it('sends the Messages API request: path, auth, version header and body', async () => {
    await sut().complete({ ...request, model: 'claude-haiku-4-5', temperature: 0.2 });

    const [sent] = server.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.path).toBe('/v1/messages');
    // SDK 1.x sends the API key as a bearer token; older SDKs used x-api-key. Either reaches the API.
    expect(sent?.headers['x-api-key'] ?? sent?.headers.authorization).toMatch(
      /^(Bearer )?sk-ant-test$/,
    );
    expect(sent?.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(sent?.body).toEqual({
      model: 'claude-haiku-4-5',
      max_tokens: 512,
      system: 'You write product requirements.',
      messages: [{ role: 'user', content: 'A recipe app.' }],
      stream: true,
    });
  });

  it('asks for JSON in the system prompt, never by prefilling an assistant turn', async () => {
    server.queue(anthropicAnswer({ text: ['```json\n{"title":', '"Recipes"}\n```'] }));
    const schema = { type: 'object', properties: { title: { type: 'string' } } };

    const response = await sut().complete({
      ...request,
      expected: { kind: 'json', jsonSchema: schema },
    });

    const body = server.requests[0]?.body;
    expect(body?.['system']).toContain('single JSON value');
    expect(body?.['system']).toContain(JSON.stringify(schema));
    expect(body?.['messages']).toEqual([{ role: 'user', content: 'A recipe app.' }]);
    expect(JSON.parse(response.text)).toEqual({ title: 'Recipes' });
  });

  it('reads a non-streamed message when streaming is off', async () => {
    server.queue(
      anthropicAnswer({ text: ['Whole ', 'answer'], thinking: 'hidden', outputTokens: 5 }),
    );

    const response = await sut({ stream: false }).complete(request);

    expect(server.requests[0]?.body['stream']).toBe(false);
    expect(response).toMatchObject({
      text: 'Whole answer',
      usage: { inputTokens: 25, outputTokens: 5 },
    });
  });

  it('marks a message cut at max_tokens as truncated', async () => {
    server.queue(anthropicAnswer({ stopReason: 'max_tokens' }));

    await expect(sut().complete(request)).resolves.toMatchObject({
      stopReason: 'max_tokens',
      truncated: true,
    });
  });

  it.each([
    [429, 'rate_limit_error', LlmRateLimitedError],
    [529, 'overloaded_error', LlmUnavailableError],
    [500, 'api_error', LlmUnavailableError],
    [400, 'invalid_request_error', LlmRequestError],
    [413, 'request_too_large', LlmRequestError],
    [401, 'authentication_error', LlmAuthError],
    [403, 'permission_error', LlmAuthError],
  ])('maps HTTP %i %s to %p', async (status, type, errorClass) => {
    server.queue(anthropicError(status, type, `${type} happened`));

    const error = await sut()
      .complete(request)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(errorClass);
    expect((error as Error).message).toContain(`${type} happened`);
    expect(server.requests).toHaveLength(1);
  });

  it('passes retry-after on as retryInMs', async () => {
    server.queue(anthropicError(429, 'rate_limit_error', 'slow down', { 'retry-after': '7' }));

    await expect(sut().complete(request)).rejects.toMatchObject({
      name: 'LlmRateLimitedError',
      retryInMs: 7_000,
    });
  });

  it('treats an error event mid-stream as the provider being unavailable', async () => {
    server.queue(anthropicStreamError('overloaded_error', 'Overloaded'));

    await expect(sut().complete(request)).rejects.toBeInstanceOf(LlmUnavailableError);
  });

  it('treats a stream that drops before message_stop as unavailable, not as a short answer', async () => {
    server.queue(anthropicCutStream());

    await expect(sut().complete(request)).rejects.toBeInstanceOf(LlmUnavailableError);
  });

  it('times out a server that does not answer', async () => {
    server.queue(slowly(2_000, anthropicAnswer()));
    const started = Date.now();

    await expect(sut({ timeoutMs: 150 }).complete(request)).rejects.toBeInstanceOf(LlmTimeoutError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('times out a stream that stalls after it started', async () => {
    server.queue(anthropicAnswer({ text: ['a', 'b', 'c'], delayMs: 400 }));

    await expect(sut({ timeoutMs: 200 }).complete(request)).rejects.toBeInstanceOf(LlmTimeoutError);
  });

  it("stops when the caller's signal aborts, mid-stream", async () => {
    server.queue(anthropicAnswer({ text: ['a', 'b', 'c', 'd'], delayMs: 100 }));
    const controller = new AbortController();
    const call = sut().complete(request, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });

    await expect(call).rejects.toBeInstanceOf(LlmAbortedError);
  });

  it('reports a refused connection as unavailable', async () => {
    const closed = await startAnthropicServer();
    const url = closed.url;
    await closed.close();
    const provider = new AnthropicProvider({
      apiKey: 'k',
      baseURL: url,
      model: 'm',
      timeoutMs: 2_000,
    });

    await expect(provider.complete(request)).rejects.toBeInstanceOf(LlmUnavailableError);
  });
});
