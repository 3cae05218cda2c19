import { Hedged } from './hedged';

const after = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
const failAfter = (ms: number) =>
  new Promise<never>((_, reject) => setTimeout(() => reject(new Error('down')), ms));

/** A Hedged whose window holds three reads of about `ms` each. */
async function warmed(ms: number): Promise<Hedged> {
  const sut = new Hedged(0.9, 10, 3);
  for (let i = 0; i < 3; i++) await sut.run(() => after(ms, 'warm'));
  return sut;
}

describe(Hedged.name, () => {
  it('sends no second request until it knows enough latencies', async () => {
    const sut = new Hedged(0.9, 10, 3);
    let reads = 0;

    await sut.run(() => {
      reads++;
      return after(30, 'slow');
    });

    expect(reads).toBe(1);
    expect(sut.stats).toEqual({ calls: 1, hedged: 0, secondWon: 0 });
  });

  it('sends the read again after the usual latency, and the faster answer wins', async () => {
    const sut = await warmed(1);
    const answers = ['stalled', 'second'];
    const delays = [200, 1];
    let reads = 0;

    const started = performance.now();
    const answer = await sut.run(() => {
      const i = reads++;
      return after(delays[i] ?? 0, answers[i]);
    });

    expect(answer).toBe('second');
    expect(performance.now() - started).toBeLessThan(150);
    expect(sut.stats).toEqual({ calls: 4, hedged: 1, secondWon: 1 });
  });

  it('sends no second request when the first answers in time', async () => {
    const sut = await warmed(20);
    let reads = 0;

    await sut.run(() => {
      reads++;
      return after(1, 'quick');
    });

    expect(reads).toBe(1);
    expect(sut.stats.hedged).toBe(0);
  });

  it('answers the second when the first fails, and fails only when both did', async () => {
    const sut = await warmed(1);
    let reads = 0;
    const answer = await sut.run(() => (reads++ === 0 ? failAfter(10) : after(30, 'second')));

    const both = await warmed(1);
    let tries = 0;
    const failed = both.run(() => failAfter(tries++ === 0 ? 60 : 5));

    expect(answer).toBe('second');
    await expect(failed).rejects.toThrow('down');
    expect([sut.stats.hedged, both.stats.hedged, tries]).toEqual([1, 1, 2]);
  });
});
