import { compareVersions, parseRange, parseVersion } from './semver';

const v = (text: string) => {
  const version = parseVersion(text);
  if (!version) throw new Error(`not semver: ${text}`);
  return version;
};

describe(parseVersion.name, () => {
  it.each(['1.0', '01.0.0', '1.0.0.0', 'v1.0.0', ''])('refuses %j', (text) => {
    expect(parseVersion(text)).toBeUndefined();
  });
});

describe(compareVersions.name, () => {
  it.each([
    ['1.0.0', '2.0.0'],
    ['1.9.0', '1.10.0'],
    ['1.0.0-alpha', '1.0.0'],
    ['1.0.0-alpha', '1.0.0-alpha.1'],
    ['1.0.0-alpha.1', '1.0.0-beta'],
    ['1.0.0-2', '1.0.0-10'],
    ['1.0.0-rc.1', '1.0.0'],
  ])('%s < %s', (low, high) => {
    expect(compareVersions(v(low), v(high))).toBeLessThan(0);
    expect(compareVersions(v(high), v(low))).toBeGreaterThan(0);
  });

  it('ignores build metadata', () => {
    expect(compareVersions(v('1.0.0+a'), v('1.0.0+b'))).toBe(0);
  });
});

describe(parseRange.name, () => {
  it.each([
    ['1.2.3', '1.2.3', true],
    ['1.2.3', '1.2.4', false],
    ['^1.2.0', '1.9.9', true],
    ['^1.2.0', '2.0.0', false],
    ['^0.2.1', '0.2.9', true],
    ['^0.2.1', '0.3.0', false],
    ['^0.0.3', '0.0.4', false],
    ['~1.2.0', '1.2.9', true],
    ['~1.2.0', '1.3.0', false],
    ['1.x', '1.5.0', true],
    ['1.x', '2.0.0', false],
    ['1', '1.5.0', true],
    ['*', '9.9.9', true],
    ['*', '1.0.0-beta', false],
    ['>=1.0.0 <2.0.0', '1.5.0', true],
    ['>=1.0.0 <2.0.0', '2.0.0', false],
    ['<1.0.0 || >=3.0.0', '3.1.0', true],
    ['<1.0.0 || >=3.0.0', '2.0.0', false],
    ['>=1.0.0-beta', '1.0.0-rc.1', true],
  ])('%s matches %s: %s', (range, version, expected) => {
    expect(parseRange(range)?.(v(version))).toBe(expected);
  });

  it.each(['^a', '1.2.3.4', '>>1', 'latest'])('does not understand %j', (range) => {
    expect(parseRange(range)).toBeUndefined();
  });
});
