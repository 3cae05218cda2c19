import { Admission } from './admission';

describe('Admission', () => {
  const clock = () => {
    let t = 0;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('admits up to the limit, counting its own admissions between reads', async () => {
    const time = clock();
    let reads = 0;
    const admission = new Admission(
      async () => {
        reads += 1;
        return 7;
      },
      { maxActive: 10, refreshMs: 500, now: time.now },
    );
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await admission.admit());
    expect(answers.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(answers[3]).toEqual({ active: 10, limit: 10 });
    expect(answers[4]).toEqual({ active: 10, limit: 10 });
    expect(reads).toBe(1);
  });

  it('admits again once the shared count has gone down', async () => {
    const time = clock();
    let active = 10;
    const admission = new Admission(async () => active, {
      maxActive: 10,
      refreshMs: 500,
      now: time.now,
    });
    expect(await admission.admit()).toEqual({ active: 10, limit: 10 });
    active = 4;
    expect(await admission.admit()).toBeDefined();
    time.advance(500);
    expect(await admission.admit()).toBeUndefined();
  });

  it('shares one read among concurrent submissions', async () => {
    let reads = 0;
    let release: (n: number) => void = () => undefined;
    const admission = new Admission(
      () => {
        reads += 1;
        return new Promise<number>((resolve) => (release = resolve));
      },
      { maxActive: 3, refreshMs: 500 },
    );
    const pending = Promise.all([1, 2, 3, 4, 5].map(() => admission.admit()));
    release(0);
    const answers = await pending;
    expect(reads).toBe(1);
    expect(answers.filter((a) => a === undefined)).toHaveLength(3);
  });

  it('gives back a slot whose submission did not commit', async () => {
    const admission = new Admission(async () => 0, { maxActive: 1, refreshMs: 60_000 });
    expect(await admission.admit()).toBeUndefined();
    admission.release();
    expect(await admission.admit()).toBeUndefined();
    expect(await admission.admit()).toEqual({ active: 1, limit: 1 });
  });

  it('has no limit at 0 and never reads', async () => {
    const admission = new Admission(() => Promise.reject(new Error('must not read')), {
      maxActive: 0,
      refreshMs: 500,
    });
    expect(await admission.admit()).toBeUndefined();
  });
});
