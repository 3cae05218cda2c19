import { assertJsonWithinLimits } from './assert-json-within-limits.util';
import { HttpProblemError } from './problem/problem.errors';

const limits = { maxDepth: 4, maxKeys: 5 };
const bytes = (text: string) => Buffer.from(text, 'utf8');
const problemOf = (text: string, within = limits): HttpProblemError | undefined => {
  try {
    assertJsonWithinLimits(bytes(text), within);
    return undefined;
  } catch (error) {
    if (error instanceof HttpProblemError) return error;
    throw error;
  }
};
const nested = (depth: number, open = '{"a":', close = '}') =>
  `${open.repeat(depth)}1${close.repeat(depth)}`;

describe(assertJsonWithinLimits.name, () => {
  it('accepts a body at the limits', () => {
    expect(problemOf(nested(4))).toBeUndefined();
    expect(problemOf('[[[[1]]]]')).toBeUndefined();
    expect(problemOf('{"a":1,"b":2,"c":{"d":3,"e":[4]}}')).toBeUndefined();
  });

  it.each([
    ['objects', nested(5)],
    ['arrays', nested(5, '[', ']')],
    ['objects and arrays', '{"a":[{"b":[[1]]}]}'],
  ])('refuses %s one level too deep, naming the limit', (_case, text) => {
    expect(problemOf(text)).toMatchObject({
      status: 400,
      slug: 'json-too-deep',
      message: expect.stringContaining('4 levels'),
      extensions: { limit: 'maxDepth', maxDepth: 4 },
    });
  });

  it('counts keys at every level and refuses one too many, naming the limit', () => {
    expect(problemOf('{"a":{"b":{"c":1}},"d":[{"e":1,"f":2}]}')).toMatchObject({
      status: 400,
      slug: 'json-too-many-keys',
      message: expect.stringContaining('5 object keys'),
      extensions: { limit: 'maxKeys', maxKeys: 5 },
    });
  });

  it('does not count brackets and colons inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ a: '{{{{{[[[[[:::::', b: 'say \\"{{{{{{": :: ::', c: '\\' });
    expect(problemOf(text)).toBeUndefined();
  });

  it('treats a quote after an even number of backslashes as the end of the string', () => {
    // "\\" is a complete string: the brackets after it are syntax and count.
    expect(problemOf(`[${JSON.stringify('\\')},${nested(4, '[', ']')}]`)).toMatchObject({
      slug: 'json-too-deep',
    });
  });

  it('ignores multi-byte UTF-8 text', () => {
    expect(problemOf(JSON.stringify({ a: '😀{[', b: 'é:' }))).toBeUndefined();
  });

  it('refuses a megabyte of nesting at once, without recursion', () => {
    const deep = '['.repeat(1_000_000);
    const started = performance.now();
    expect(problemOf(deep, { maxDepth: 32, maxKeys: 1_000 })).toMatchObject({
      slug: 'json-too-deep',
    });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('scans a large body of strings in linear time', () => {
    const text = JSON.stringify({ a: '\\"x'.repeat(300_000), b: 'y'.repeat(1_000_000) });
    const started = performance.now();
    expect(problemOf(text, { maxDepth: 32, maxKeys: 1_000 })).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
