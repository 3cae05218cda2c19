import { metadataProblem } from './pattern-metadata.validator';

describe(metadataProblem.name, () => {
  it('accepts flat text, finite numbers and booleans', () => {
    expect(metadataProblem({ topic: 'webhooks', weight: 2.5, reviewed: true })).toBeUndefined();
    expect(metadataProblem({})).toBeUndefined();
  });

  it.each([
    [null, /object/],
    [['a'], /object/],
    ['text', /object/],
    [{ nested: { a: 1 } }, /"nested" must be text/],
    [{ many: ['a'] }, /"many" must be text/],
    [{ big: Number.POSITIVE_INFINITY }, /"big" must be text/],
    [{ long: 'x'.repeat(2_001) }, /"long" must be text/],
    [{ 'bad key': 1 }, /key "bad key"/],
    [{ source: 'template' }, /"source" is set by memory/],
    [Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])), /at most 20 keys/],
  ])('refuses %j', (value, reason) => {
    expect(metadataProblem(value)).toMatch(reason);
  });
});
