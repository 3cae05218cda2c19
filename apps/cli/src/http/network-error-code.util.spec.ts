import { networkErrorCode } from './network-error-code.util';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe(networkErrorCode.name, () => {
  it('finds the code under fetch failed (Node 20: cause is the socket error)', () => {
    expect(
      networkErrorCode(new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') })),
    ).toBe('ECONNREFUSED');
  });

  it('finds it inside an AggregateError (Node 22+: every address refused)', () => {
    const cause = new AggregateError([new Error('no code'), withCode('ECONNREFUSED')]);
    expect(networkErrorCode(new TypeError('fetch failed', { cause }))).toBe('ECONNREFUSED');
  });

  it('is undefined when there is none', () => {
    expect(networkErrorCode(new Error('x'))).toBeUndefined();
    expect(networkErrorCode('x')).toBeUndefined();
  });
});
