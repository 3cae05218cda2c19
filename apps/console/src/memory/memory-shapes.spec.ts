import { memoryHitsOf, memoryTemplatesOf } from './memory-shapes';

describe(memoryHitsOf.name, () => {
  it('reads the hits of a search, their similarity and where they came from', () => {
    const answer = {
      hits: [
        {
          id: 'seed-prd-1',
          type: 'prd',
          score: 0.4,
          similarity: 0.81,
          successScore: 0.9,
          text: 'A booking app',
          metadata: { source: 'seed' },
        },
      ],
    };
    expect(memoryHitsOf(answer)).toEqual([
      {
        id: 'seed-prd-1',
        type: 'prd',
        similarity: 0.81,
        successScore: 0.9,
        text: 'A booking app',
        project: 'seed',
      },
    ]);
  });

  it('reads nothing from an answer of another shape, and tolerates missing fields', () => {
    expect(memoryHitsOf({ items: [] })).toEqual([]);
    expect(memoryHitsOf(null)).toEqual([]);
    expect(memoryHitsOf({ hits: [{ id: 7 }] })).toEqual([
      { id: '', type: '', similarity: null, successScore: null, text: '', project: '' },
    ]);
  });
});

describe(memoryTemplatesOf.name, () => {
  it('names a template by its name, else its id', () => {
    expect(
      memoryTemplatesOf({ templates: [{ id: 't1', name: 'SaaS', text: 'x' }, { id: 't2' }] }),
    ).toEqual([
      { id: 't1', name: 'SaaS', text: 'x' },
      { id: 't2', name: 't2', text: '' },
    ]);
  });
});
