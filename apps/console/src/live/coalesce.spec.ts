import { coalesce } from './coalesce';

describe(coalesce.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs once for a burst of requests, after the window, and again for a later request', () => {
    const run = jest.fn();
    const request = coalesce(run, 250);
    for (let i = 0; i < 40; i++) request();
    expect(run).not.toHaveBeenCalled();
    jest.advanceTimersByTime(250);
    expect(run).toHaveBeenCalledTimes(1);
    request();
    jest.advanceTimersByTime(250);
    expect(run).toHaveBeenCalledTimes(2);
  });
});
