import { inlineParams, sqlLiteral } from './sql-literal';

describe(sqlLiteral.name, () => {
  it('quotes strings, doubling quotes and switching to E-strings for backslashes', () => {
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral('a\\b')).toBe(" E'a\\\\b'");
  });

  it('writes numbers, booleans, null and dates as Postgres reads them', () => {
    expect(sqlLiteral(42)).toBe('42');
    expect(sqlLiteral(-1.5)).toBe('(-1.5)');
    expect(sqlLiteral(true)).toBe('TRUE');
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(undefined)).toBe('NULL');
    expect(sqlLiteral(new Date('2026-12-02T04:00:00.000Z'))).toBe("'2026-12-02T04:00:00.000Z'");
  });

  it('refuses numbers SQL cannot hold', () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow(TypeError);
    expect(() => sqlLiteral(Infinity)).toThrow(TypeError);
  });

  it('writes arrays as array literals and objects as JSON', () => {
    expect(sqlLiteral(['a', 'b', null])).toBe(`'{"a","b",NULL}'`);
    expect(sqlLiteral(['b"c'])).toBe(` E'{"b\\\\"c"}'`); // the element's \" doubled for the E-string
    expect(sqlLiteral({ a: "x'y" })).toBe(`'{"a":"x''y"}'`);
  });
});

describe(inlineParams.name, () => {
  it('replaces every placeholder, $10 not read as $1', () => {
    const params = Array.from({ length: 10 }, (_, index) => index + 1);
    expect(inlineParams('SELECT $1, $10, $2::int', params)).toBe('SELECT 1, 10, 2::int');
  });

  it('fails on a placeholder without a parameter', () => {
    expect(() => inlineParams('SELECT $2', [1])).toThrow(RangeError);
  });
});
