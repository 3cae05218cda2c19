import { AnthropicProvider } from '../src/anthropic/anthropic-provider';
import {
  CircuitOpenError,
  LlmAbortedError,
  LlmRequestError,
  LlmUnavailableError,
} from '../src/llm.errors';
import { type LlmRequest } from '../src/llm-provider';
import { OpenAiCompatibleProvider } from '../src/openai/openai-compatible-provider';
import { resilient, type ResilienceOptions } from '../src/resilience/resilient';
import {
  anthropicAnswer,
  anthropicError,
  slowly,
  startAnthropicServer,
} from './servers/anthropic-server';
import { openAiAnswer, openAiError, startOpenAiServer } from './servers/openai-server';
import { type RecordingServer } from './servers/recording-server';

const request: LlmRequest = {
  system: 'You review architectures.',
  messages: [{ role: 'user', content: 'Review this.' }],
  maxTokens: 128,
  expected: { kind: 'text' },
};

const options = (overrides: Partial<ResilienceOptions> = {}): ResilienceOptions => ({
  timeoutMs: 2_000,
  retries: 3,
  baseDelayMs: 10,
  maxDelayMs: 2_000,
  breaker: { failureThreshold: 5, cooldownMs: 60_000 },
  ...overrides,
});

const rateLimited = anthropicError(
  429,
  'rate_limit_error',
  'Number of requests has exceeded your rate limit',
  {
    'retry-after': '0',
  },
);
const overloaded = anthropicError(529, 'overloaded_error', 'Overloaded');

describe(`${resilient.name} against the wire`, () => {
  let anthropic: RecordingServer;
  let openai: RecordingServer;
  const claude = (timeoutMs = 5_000) =>
    new AnthropicProvider({
      apiKey: 'sk-ant-test',
      baseURL: anthropic.url,
      model: 'claude-test-1',
      timeoutMs,
    });
  const gpt = () =>
    new OpenAiCompatibleProvider({
      apiKey: 'sk-test',
      baseURL: `${openai.url}/v1`,
      model: 'gpt-test',
      timeoutMs: 5_000,
    });

  beforeAll(async () => {
    [anthropic, openai] = await Promise.all([startAnthropicServer(), startOpenAiServer()]);
  });
  afterEach(() => {
    anthropic.reset();
    openai.reset();
  });
  afterAll(() => Promise.all([anthropic.close(), openai.close()]));

  it('retries a 429 and a 529, then returns the answer', async () => {
    anthropic.queue(rateLimited, overloaded, anthropicAnswer({ text: ['fine'] }));

    const response = await resilient(claude(), options()).complete(request);

    expect(response.text).toBe('fine');
    expect(anthropic.requests).toHaveLength(3);
  });

  it('never retries a 400', async () => {
    anthropic.queue(anthropicError(400, 'invalid_request_error', 'max_tokens: too large'));

    await expect(resilient(claude(), options()).complete(request)).rejects.toBeInstanceOf(
      LlmRequestError,
    );
    expect(anthropic.requests).toHaveLength(1);
  });

  it('gives up after the configured retries with the last error', async () => {
    openai.queue(
      ...Array.from({ length: 5 }, () =>
        openAiError(500, { message: 'boom', type: 'server_error', code: null }),
      ),
    );

    await expect(
      resilient(gpt(), options({ retries: 2 })).complete(request),
    ).rejects.toBeInstanceOf(LlmUnavailableError);
    expect(openai.requests).toHaveLength(3);
  });

  it("waits as long as the server's retry-after-ms asks", async () => {
    openai.queue(
      openAiError(
        429,
        { message: 'slow down', type: 'requests', code: 'rate_limit_exceeded' },
        { 'retry-after-ms': '300' },
      ),
      openAiAnswer(),
    );
    const started = Date.now();

    await resilient(gpt(), options({ baseDelayMs: 1 })).complete(request);

    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(openai.requests).toHaveLength(2);
  });

  it('stops retrying when retry-after is longer than it will wait, passing the hint on', async () => {
    anthropic.queue(anthropicError(429, 'rate_limit_error', 'later', { 'retry-after': '60' }));

    await expect(
      resilient(claude(), options({ maxDelayMs: 1_000 })).complete(request),
    ).rejects.toMatchObject({
      name: 'LlmRateLimitedError',
      retryInMs: 60_000,
    });
    expect(anthropic.requests).toHaveLength(1);
  });

  it('times an attempt out and retries it', async () => {
    anthropic.queue(slowly(3_000, anthropicAnswer()), anthropicAnswer({ text: ['second try'] }));

    const response = await resilient(claude(), options({ timeoutMs: 200 })).complete(request);

    expect(response.text).toBe('second try');
    expect(anthropic.requests).toHaveLength(2);
  });

  it('opens the breaker after N failures, fails fast, and closes after a successful probe', async () => {
    let now = 0;
    const sut = resilient(
      claude(),
      options({ retries: 0, breaker: { failureThreshold: 3, cooldownMs: 1_000, now: () => now } }),
    );
    anthropic.queue(overloaded, overloaded, overloaded);
    for (let i = 0; i < 3; i += 1) {
      await expect(sut.complete(request)).rejects.toBeInstanceOf(LlmUnavailableError);
    }

    const fastFailure = await sut.complete(request).catch((e: unknown) => e);
    expect(fastFailure).toBeInstanceOf(CircuitOpenError);
    expect(fastFailure).toMatchObject({ retryInMs: 1_000 });
    expect(anthropic.requests).toHaveLength(3);

    now = 1_000;
    expect(sut.breaker.state).toBe('half-open');
    await expect(sut.complete(request)).resolves.toMatchObject({ text: 'Hello, world' });
    expect(sut.breaker.state).toBe('closed');
    await expect(sut.complete(request)).resolves.toBeDefined();
    expect(anthropic.requests).toHaveLength(5);
  });

  it('reopens the breaker when the probe fails', async () => {
    let now = 0;
    const sut = resilient(
      claude(),
      options({ retries: 0, breaker: { failureThreshold: 1, cooldownMs: 500, now: () => now } }),
    );
    anthropic.queue(overloaded, overloaded);
    await expect(sut.complete(request)).rejects.toBeInstanceOf(LlmUnavailableError);

    now = 500;
    await expect(sut.complete(request)).rejects.toBeInstanceOf(LlmUnavailableError);

    await expect(sut.complete(request)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(sut.breaker.state).toBe('open');
    expect(anthropic.requests).toHaveLength(2);
  });

  it('cancels a streaming call when the signal aborts, without retrying or tripping', async () => {
    anthropic.queue(anthropicAnswer({ text: ['a', 'b', 'c'], delayMs: 150 }));
    const controller = new AbortController();
    const sut = resilient(
      claude(),
      options({ breaker: { failureThreshold: 1, cooldownMs: 60_000 } }),
    );

    const call = sut.complete(request, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });

    await expect(call).rejects.toBeInstanceOf(LlmAbortedError);
    expect(anthropic.requests).toHaveLength(1);
    expect(sut.breaker.state).toBe('closed');
  });
});
