import { mergeHits, routeOf } from './query-route.util';

describe(routeOf.name, () => {
  const typed = new Set(['prd', 'qa', 'architecture']);

  it.each([
    ['one type', { types: ['qa'] }, { kind: 'types', types: ['qa'] }],
    ['a type twice', { types: ['qa', 'qa'] }, { kind: 'types', types: ['qa'] }],
    ['several types', { types: ['qa', 'prd'] }, { kind: 'types', types: ['qa', 'prd'] }],
    ['types and an empty where', { types: ['qa'], where: {} }, { kind: 'types', types: ['qa'] }],
    ['no types', {}, { kind: 'all' }],
    ['an empty type list', { types: [] }, { kind: 'all' }],
    ['types and a where', { types: ['qa'], where: { suite: 's' } }, { kind: 'all' }],
    ['a type without a collection', { types: ['qa', 'template'] }, { kind: 'all' }],
  ])('routes %s', (_, query, route) => {
    expect(routeOf(query, typed)).toEqual(route);
  });
});

describe(mergeHits.name, () => {
  it('keeps the k most similar of all lists, most similar first', () => {
    const merged = mergeHits(
      [
        [
          { id: 'a', similarity: 0.9 },
          { id: 'b', similarity: 0.5 },
        ],
        [
          { id: 'c', similarity: 0.7, group: 'p2' },
          { id: 'd', similarity: 0.1 },
        ],
      ],
      3,
    );

    expect(merged).toEqual([
      { id: 'a', similarity: 0.9 },
      { id: 'c', similarity: 0.7, group: 'p2' },
      { id: 'b', similarity: 0.5 },
    ]);
  });

  it('answers an id found in two lists once, at its better similarity', () => {
    const merged = mergeHits(
      [
        [{ id: 'a', similarity: 0.4 }],
        [
          { id: 'a', similarity: 0.6 },
          { id: 'b', similarity: 0.5 },
        ],
      ],
      5,
    );

    expect(merged.map((hit) => [hit.id, hit.similarity])).toEqual([
      ['a', 0.6],
      ['b', 0.5],
    ]);
  });
});
