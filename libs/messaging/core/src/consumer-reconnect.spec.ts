import { CONSUMERS } from '@agentbus/contracts';
import { type Bus } from './bus';
import { consume } from './consumer';

/** A bus whose pulls fail until told otherwise, with the reconnect hook under the test's control. */
function fakeBus() {
  let failing = true;
  let reconnected: (() => void) | undefined;
  const fetch = jest.fn(async () => {
    if (failing) throw new Error('no responders: JetStream is restarting');
    // An open pull with no messages: it ends when closed.
    return {
      close: async () => undefined,
      [Symbol.asyncIterator]: () => ({ next: () => new Promise<never>(() => undefined) }),
    };
  });
  const bus = {
    nc: { isClosed: () => false, isDraining: () => false },
    js: { consumers: { get: async () => ({ fetch }) } },
    namespace: 't_reconnect',
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    metrics: undefined,
    onReconnect: (listener: () => void) => {
      reconnected = listener;
      return () => (reconnected = undefined);
    },
  } as unknown as Bus;
  return {
    bus,
    fetch,
    recover: () => (failing = false),
    reconnect: () => reconnected?.(),
    listening: () => reconnected !== undefined,
  };
}

describe('a consumer after its server restarts', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('pulls as soon as the client reconnects, not after the backoff its outage built up', async () => {
    const fake = fakeBus();
    const handle = await consume(
      fake.bus,
      CONSUMERS.cpuWorker.cpuTaskRequested,
      async () => undefined,
      { deadLetterExhausted: false },
    );
    // Six failed pulls over ~8 s: the next one is due seconds later (250 ms doubling, ±25 %).
    await jest.advanceTimersByTimeAsync(8_000);
    const failed = fake.fetch.mock.calls.length;
    expect(failed).toBeGreaterThanOrEqual(5);
    fake.recover();
    await jest.advanceTimersByTimeAsync(10);
    expect(fake.fetch.mock.calls.length).toBe(failed); // still backing off
    fake.reconnect();
    await jest.advanceTimersByTimeAsync(10);
    expect(fake.fetch.mock.calls.length).toBe(failed + 1);
    const stopping = handle.stop({ timeoutMs: 100 });
    await jest.advanceTimersByTimeAsync(200);
    await stopping;
  });

  it('stops listening for reconnects once stopped', async () => {
    const fake = fakeBus();
    const handle = await consume(
      fake.bus,
      CONSUMERS.cpuWorker.cpuTaskRequested,
      async () => undefined,
      { deadLetterExhausted: false },
    );
    expect(fake.listening()).toBe(true);
    const stopping = handle.stop({ timeoutMs: 100 });
    await jest.advanceTimersByTimeAsync(200);
    await stopping;
    expect(fake.listening()).toBe(false);
  });
});
