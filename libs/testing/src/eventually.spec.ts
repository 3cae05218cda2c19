import { eventually } from './eventually';

describe(eventually.name, () => {
  it('retries until the assertion passes and returns its result', async () => {
    let calls = 0;
    const result = await eventually(() => {
      calls += 1;
      expect(calls).toBeGreaterThanOrEqual(3);
      return calls;
    });
    expect(result).toBe(3);
  });

  it('awaits async assertions', async () => {
    const ready = Date.now() + 100;
    await expect(
      eventually(async () => {
        await Promise.resolve();
        if (Date.now() < ready) throw new Error('not yet');
        return 'ok';
      }),
    ).resolves.toBe('ok');
  });

  it('re-throws the last error after the timeout', async () => {
    let calls = 0;
    const started = Date.now();
    const failure = eventually(
      () => {
        calls += 1;
        throw new Error(`attempt ${calls}`);
      },
      { timeoutMs: 200, intervalMs: 20 },
    );
    await expect(failure).rejects.toThrow(/^attempt \d+$/);
    const message = await failure.catch((error: Error) => error.message);
    expect(message).toBe(`attempt ${calls}`);
    expect(calls).toBeGreaterThan(2);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('bounds an attempt that never settles', async () => {
    const never = (): Promise<void> => new Promise<void>(() => undefined);
    await expect(eventually(never, { timeoutMs: 100 })).rejects.toThrow(/did not settle within/);
  });
});
