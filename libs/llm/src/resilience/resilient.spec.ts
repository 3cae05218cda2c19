import {
  CircuitOpenError,
  LlmAbortedError,
  LlmAuthError,
  LlmTimeoutError,
  LlmUnavailableError,
} from '../llm.errors';
import { type LlmProvider, type LlmRequest, type LlmResponse } from '../llm-provider';
import { CircuitBreaker } from './circuit-breaker';
import { resilient, type ResilienceOptions } from './resilient';

const request: LlmRequest = {
  system: 's',
  messages: [],
  maxTokens: 10,
  expected: { kind: 'text' },
};
const answer: LlmResponse = {
  text: 'ok',
  provider: 'fake',
  model: 'fake-1',
  usage: { inputTokens: 1, outputTokens: 1 },
  stopReason: 'end_turn',
};

/** A provider that plays a script of outcomes, one per call. */
function scripted(
  ...outcomes: Array<LlmResponse | Error | 'hang'>
): LlmProvider & { calls: number } {
  const provider = {
    name: 'fake',
    model: 'fake-1',
    calls: 0,
    complete: () => {
      const outcome = outcomes[provider.calls] ?? answer;
      provider.calls += 1;
      if (outcome === 'hang') return new Promise<LlmResponse>(() => undefined);
      return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
    },
  };
  return provider;
}

const options = (overrides: Partial<ResilienceOptions> = {}): ResilienceOptions => ({
  timeoutMs: 1_000,
  retries: 3,
  baseDelayMs: 1,
  maxDelayMs: 50,
  breaker: { failureThreshold: 5, cooldownMs: 10_000 },
  random: () => 0.5,
  ...overrides,
});

describe(resilient.name, () => {
  it('keeps the name and model of what it wraps', () => {
    const sut = resilient(scripted(), options());
    expect([sut.name, sut.model]).toEqual(['fake', 'fake-1']);
  });

  it('retries transient failures and returns the first answer', async () => {
    const provider = scripted(new LlmUnavailableError('529'), new LlmTimeoutError('slow'), answer);
    await expect(resilient(provider, options()).complete(request)).resolves.toBe(answer);
    expect(provider.calls).toBe(3);
  });

  it('does not retry permanent failures, and counts them as the provider being up', async () => {
    const provider = scripted(new LlmAuthError('401', 401));
    const sut = resilient(
      provider,
      options({ breaker: { failureThreshold: 1, cooldownMs: 10_000 } }),
    );
    await expect(sut.complete(request)).rejects.toBeInstanceOf(LlmAuthError);
    expect(provider.calls).toBe(1);
    expect(sut.breaker.state).toBe('closed');
  });

  it('enforces the per-attempt timeout even on a provider that ignores its signal', async () => {
    const provider = scripted('hang', answer);
    await expect(resilient(provider, options({ timeoutMs: 20 })).complete(request)).resolves.toBe(
      answer,
    );
    expect(provider.calls).toBe(2);
  });

  it('fails fast with CircuitOpenError (retryable, with retryInMs) once the breaker opens', async () => {
    const failures = Array.from({ length: 10 }, () => new LlmUnavailableError('500'));
    const provider = scripted(...failures);
    const sut = resilient(
      provider,
      options({ retries: 10, breaker: { failureThreshold: 2, cooldownMs: 5_000 } }),
    );

    const error = await sut.complete(request).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CircuitOpenError);
    expect((error as CircuitOpenError).retryInMs).toBeGreaterThan(4_000);
    expect((error as CircuitOpenError).cause).toBeInstanceOf(LlmUnavailableError);
    expect(provider.calls).toBe(2);
  });

  it('shares a breaker passed in', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 10_000 });
    await resilient(scripted(new LlmUnavailableError('x')), options({ retries: 0, breaker }))
      .complete(request)
      .catch(() => undefined);
    await expect(
      resilient(scripted(), options({ breaker })).complete(request),
    ).rejects.toBeInstanceOf(CircuitOpenError);
  });

  it('stops waiting between attempts when the caller aborts', async () => {
    const controller = new AbortController();
    const provider = scripted(new LlmUnavailableError('503'), answer);
    const sut = resilient(provider, options({ baseDelayMs: 10_000, maxDelayMs: 10_000 }));
    setTimeout(() => controller.abort(), 20);

    await expect(sut.complete(request, { signal: controller.signal })).rejects.toBeInstanceOf(
      LlmAbortedError,
    );
    expect(provider.calls).toBe(1);
  });

  it('hands progress callbacks through to the provider', async () => {
    const onProgress = jest.fn();
    const provider: LlmProvider = {
      name: 'fake',
      model: 'fake-1',
      complete: (_, callOptions) => {
        callOptions?.onProgress?.(42);
        return Promise.resolve(answer);
      },
    };
    await resilient(provider, options()).complete(request, { onProgress });
    expect(onProgress).toHaveBeenCalledWith(42);
  });
});
