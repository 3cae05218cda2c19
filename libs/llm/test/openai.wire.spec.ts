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
  OpenAiCompatibleProvider,
  type OpenAiCompatibleProviderOptions,
} from '../src/openai/openai-compatible-provider';
import { slowly } from './servers/anthropic-server';
import {
  openAiAnswer,
  openAiCutStream,
  openAiError,
  startOpenAiServer,
} from './servers/openai-server';
import { type RecordingServer } from './servers/recording-server';

const request: LlmRequest = {
  system: 'You plan software projects.',
  messages: [
    { role: 'user', content: 'A recipe app.' },
    { role: 'assistant', content: 'What platforms?' },
    { role: 'user', content: 'Web only.' },
  ],
  maxTokens: 256,
  temperature: 0.3,
  expected: { kind: 'text' },
};
const jsonRequest: LlmRequest = {
  ...request,
  expected: {
    kind: 'json',
    jsonSchema: { type: 'object', properties: { plan: { type: 'string' } } },
  },
};

describe(OpenAiCompatibleProvider.name, () => {
  let server: RecordingServer;
  const sut = (options: Partial<OpenAiCompatibleProviderOptions> = {}) =>
    new OpenAiCompatibleProvider({
      apiKey: 'sk-test',
      baseURL: `${server.url}/v1`,
      model: 'gpt-test',
      timeoutMs: 5_000,
      ...options,
    });

  beforeAll(async () => {
    server = await startOpenAiServer();
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  it('streams a completion and takes usage from the final chunk with empty choices', async () => {
    server.queue(
      openAiAnswer({
        text: ['Ship ', 'the ', 'web app.'],
        promptTokens: 50,
        completionTokens: 6,
        delayMs: 5,
      }),
    );
    const progress: number[] = [];

    const response = await sut().complete(request, {
      onProgress: (tokens) => progress.push(tokens),
    });

    expect(response).toEqual({
      text: 'Ship the web app.',
      provider: 'openai',
      model: 'gpt-test',
      usage: { inputTokens: 50, outputTokens: 6 },
      stopReason: 'stop',
      truncated: false,
      responseId: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
    });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toBe(6);
  });

  it('sends a chat-completions request with include_usage, bearer auth and the system prompt first', async () => {
    await sut().complete(request);

    const [sent] = server.requests;
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe('Bearer sk-test');
    expect(sent?.body).toEqual({
      model: 'gpt-test',
      messages: [
        { role: 'system', content: 'You plan software projects.' },
        { role: 'user', content: 'A recipe app.' },
        { role: 'assistant', content: 'What platforms?' },
        { role: 'user', content: 'Web only.' },
      ],
      max_tokens: 256,
      temperature: 0.3,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('asks for json_object only when JSON is expected and json mode is on', async () => {
    await sut({ jsonMode: true }).complete(jsonRequest);
    await sut({ jsonMode: false }).complete(jsonRequest);
    await sut({ jsonMode: true }).complete(request);

    const formats = server.requests.map((sent) => sent.body['response_format']);
    expect(formats).toEqual([{ type: 'json_object' }, undefined, undefined]);
    expect(JSON.stringify(server.requests[1]?.body['messages'])).toContain('JSON');
  });

  it('uses max_completion_tokens when told to (OpenAI reasoning models)', async () => {
    await sut({ maxTokensField: 'max_completion_tokens' }).complete(request);

    expect(server.requests[0]?.body).toMatchObject({ max_completion_tokens: 256 });
    expect(server.requests[0]?.body['max_tokens']).toBeUndefined();
  });

  it('estimates usage, marked as such, when the server sends no usage chunk (older Ollama)', async () => {
    server.queue(openAiAnswer({ text: ['x'.repeat(40)], omitUsage: true }));

    const response = await sut().complete(request);

    expect(response.usage).toEqual({
      inputTokens: expect.any(Number),
      outputTokens: 10,
      estimated: true,
    });
    expect(response.usage.inputTokens).toBeGreaterThan(5);
  });

  it('splits cached prompt tokens out of the input count', async () => {
    server.queue(openAiAnswer({ promptTokens: 1_000, cachedTokens: 800, completionTokens: 10 }));

    await expect(sut().complete(request)).resolves.toMatchObject({
      usage: { inputTokens: 200, cacheReadTokens: 800, outputTokens: 10 },
    });
  });

  it('sends no Authorization header to a keyless server', async () => {
    const ollama = new OpenAiCompatibleProvider({
      name: 'ollama',
      baseURL: `${server.url}/v1`,
      model: 'llama3.2',
      timeoutMs: 5_000,
    });

    await ollama.complete(request);

    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('reads a whole completion when streaming is off, and marks length as truncated', async () => {
    server.queue(openAiAnswer({ text: ['Cut sh'], finishReason: 'length', completionTokens: 3 }));

    const response = await sut({ stream: false }).complete(request);

    expect(server.requests[0]?.body['stream']).toBe(false);
    expect(response).toMatchObject({
      text: 'Cut sh',
      stopReason: 'length',
      truncated: true,
      usage: { outputTokens: 3 },
    });
  });

  it.each([
    [429, 'requests', 'rate_limit_exceeded', LlmRateLimitedError],
    [500, 'server_error', null, LlmUnavailableError],
    [503, 'server_error', null, LlmUnavailableError],
    [400, 'invalid_request_error', 'context_length_exceeded', LlmRequestError],
    [404, 'invalid_request_error', 'model_not_found', LlmRequestError],
    [401, 'invalid_request_error', 'invalid_api_key', LlmAuthError],
  ])('maps HTTP %i (%s, %s) to %p', async (status, type, code, errorClass) => {
    server.queue(openAiError(status, { message: `failed with ${status}`, type, code }));

    const error = await sut()
      .complete(request)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(errorClass);
    expect((error as Error).message).toContain(`failed with ${status}`);
    expect(server.requests).toHaveLength(1);
  });

  it('passes retry-after-ms on as retryInMs', async () => {
    server.queue(
      openAiError(
        429,
        { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' },
        { 'retry-after-ms': '1500' },
      ),
    );

    await expect(sut().complete(request)).rejects.toMatchObject({ retryInMs: 1_500 });
  });

  it('treats a stream that ends without a finish_reason as unavailable', async () => {
    server.queue(openAiCutStream());

    await expect(sut().complete(request)).rejects.toBeInstanceOf(LlmUnavailableError);
  });

  it('times out a slow server', async () => {
    server.queue(slowly(2_000, openAiAnswer()));

    await expect(sut({ timeoutMs: 150 }).complete(request)).rejects.toBeInstanceOf(LlmTimeoutError);
  });

  it("stops when the caller's signal aborts", async () => {
    server.queue(slowly(2_000, openAiAnswer()));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);

    await expect(sut().complete(request, { signal: controller.signal })).rejects.toBeInstanceOf(
      LlmAbortedError,
    );
  });
});
