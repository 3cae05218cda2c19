import pino from 'pino';
import {
  backoffDelay,
  StartupAbortedError,
  waitForDependencies,
  type WaitOptions,
} from './wait-for-dependencies';

describe(waitForDependencies.name, () => {
  const fast = { initialMs: 1, maxMs: 4 };
  const options = (
    signal = new AbortController().signal,
  ): WaitOptions & { reports: [string, string | undefined][] } => {
    const reports: [string, string | undefined][] = [];
    return {
      logger: pino({ level: 'silent' }),
      signal,
      backoff: fast,
      report: (name, problem) => reports.push([name, problem]),
      reports,
    };
  };

  it('retries each dependency until it answers, reporting why it waits', async () => {
    let natsAttempts = 0;
    const sut = options();
    await waitForDependencies(
      [
        {
          name: 'nats',
          probe: async () => {
            if (++natsAttempts < 3) throw new Error('connection refused');
          },
        },
        { name: 'postgres', probe: async () => undefined },
      ],
      sut,
    );
    expect(natsAttempts).toBe(3);
    expect(sut.reports).toEqual(
      expect.arrayContaining([
        ['nats', 'connection refused'],
        ['nats', undefined],
        ['postgres', undefined],
      ]),
    );
  });

  it('stops at once when aborted, even with a probe in flight', async () => {
    const stop = new AbortController();
    const waiting = waitForDependencies(
      [{ name: 'nats', probe: () => new Promise(() => undefined) }],
      options(stop.signal),
    );
    stop.abort();
    await expect(waiting).rejects.toThrow(StartupAbortedError);
  });
});

describe(backoffDelay.name, () => {
  it('grows exponentially to the cap, with jitter in the upper half', () => {
    const backoff = { initialMs: 100, maxMs: 1_000 };
    for (const [attempt, ceiling] of [
      [1, 100],
      [2, 200],
      [3, 400],
      [4, 800],
      [5, 1_000],
      [50, 1_000],
    ] as const) {
      const delay = backoffDelay(attempt, backoff);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });
});
