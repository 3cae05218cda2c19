import { prototypeKeyPaths } from './prototype-key-paths.util';

describe(prototypeKeyPaths.name, () => {
  it('finds nothing in an ordinary body, or in what is not an object', () => {
    expect(prototypeKeyPaths({ name: 'a', options: { budget: { maxTokens: 1 } } })).toEqual([]);
    expect(prototypeKeyPaths(undefined)).toEqual([]);
    expect(prototypeKeyPaths('__proto__')).toEqual([]);
    expect(prototypeKeyPaths({ note: 'constructor', list: ['prototype'] })).toEqual([]);
  });

  it('names every prototype key at any depth, in arrays too, as JSON.parse makes them', () => {
    const body: unknown = JSON.parse(
      '{"__proto__":{"admin":true},"options":{"budget":{"constructor":{"prototype":1}}},' +
        '"list":[{"x":1},{"__proto__":null}]}',
    );
    expect(prototypeKeyPaths(body)).toEqual([
      '__proto__',
      'list.1.__proto__',
      'options.budget.constructor',
      'options.budget.constructor.prototype',
    ]);
  });

  it('reads a query object without a prototype', () => {
    const query = Object.assign(Object.create(null) as object, { constructor: 'x', limit: '5' });
    expect(prototypeKeyPaths(query)).toEqual(['constructor']);
  });

  it('walks 100 000 levels without exhausting the stack', () => {
    let deep: unknown = { __proto__: null, prototype: 1 };
    for (let level = 0; level < 100_000; level += 1) deep = { a: deep };
    expect(prototypeKeyPaths(deep)).toHaveLength(1);
  });
});
