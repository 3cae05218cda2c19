import { CircuitBreaker, type CircuitPermit } from './circuit-breaker';

describe(CircuitBreaker.name, () => {
  let now: number;
  let sut: CircuitBreaker;
  const fail = (): void => sut.settle(sut.tryAcquire(), 'failure');
  const succeed = (): void => sut.settle(sut.tryAcquire(), 'success');

  beforeEach(() => {
    now = 0;
    sut = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1_000, now: () => now });
  });

  it('opens after N consecutive failures and refuses calls with the time left', () => {
    fail();
    fail();
    expect(sut.state).toBe('closed');
    fail();
    expect(sut.state).toBe('open');
    now = 400;
    expect(sut.tryAcquire()).toEqual({ allowed: false, retryInMs: 600 });
  });

  it('resets the count on a success while closed (the original never did)', () => {
    for (let day = 0; day < 10; day += 1) {
      fail();
      fail();
      succeed();
    }
    expect(sut.state).toBe('closed');
  });

  it('lets exactly one probe through once the cool-down has passed', () => {
    fail();
    fail();
    fail();
    now = 1_000;
    expect(sut.state).toBe('half-open');
    expect(sut.tryAcquire()).toEqual({ allowed: true, probe: true });
    expect(sut.tryAcquire()).toMatchObject({ allowed: false });
  });

  it('closes when the probe succeeds', () => {
    fail();
    fail();
    fail();
    now = 1_000;
    succeed();
    expect(sut.state).toBe('closed');
    fail();
    fail();
    expect(sut.state).toBe('closed');
  });

  it('reopens for a fresh cool-down when the probe fails', () => {
    fail();
    fail();
    fail();
    now = 1_000;
    fail();
    expect(sut.state).toBe('open');
    now = 1_999;
    expect(sut.state).toBe('open');
    now = 2_000;
    expect(sut.state).toBe('half-open');
  });

  it('frees the probe slot when the probe ends neutrally (an abort)', () => {
    fail();
    fail();
    fail();
    now = 1_000;
    sut.settle(sut.tryAcquire(), 'neutral');
    expect(sut.tryAcquire()).toEqual({ allowed: true, probe: true });
  });

  it('ignores late results of calls that started before it opened', () => {
    const early: CircuitPermit = sut.tryAcquire();
    fail();
    fail();
    fail();
    sut.settle(early, 'success');
    expect(sut.state).toBe('open');
  });
});
