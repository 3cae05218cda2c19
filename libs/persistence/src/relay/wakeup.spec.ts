import { Wakeup } from './wakeup';

describe(Wakeup.name, () => {
  it('ends a wait early when signalled', async () => {
    const sut = new Wakeup();
    const started = Date.now();
    const waiting = sut.wait(10_000);
    sut.signal();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('keeps a signal that arrives while nobody waits, once', async () => {
    const sut = new Wakeup();
    sut.signal();
    sut.signal();
    const started = Date.now();
    await sut.wait(10_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    await sut.wait(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('times out without a signal', async () => {
    const sut = new Wakeup();
    const started = Date.now();
    await sut.wait(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
