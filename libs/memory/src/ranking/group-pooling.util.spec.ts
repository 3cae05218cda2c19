import { leadingGroups, poolByGroup } from './group-pooling.util';

const order = (hits: ReturnType<typeof poolByGroup>) =>
  [...hits].sort((a, b) => b.pooled - a.pooled).map((hit) => (hit as { id?: string }).id);

describe(poolByGroup.name, () => {
  // Project "billing" matches well twice; its QA plan shares no words with the request. Two
  // unrelated projects each have one fair match.
  const hits = [
    { id: 'billing-prd', group: 'billing', similarity: 0.8 },
    { id: 'billing-arch', group: 'billing', similarity: 0.6 },
    { id: 'billing-qa', group: 'billing', similarity: 0.1 },
    { id: 'chat-prd', group: 'chat', similarity: 0.5 },
    { id: 'chat-qa', group: 'chat', similarity: 0.0 },
    { id: 'iot-prd', group: 'iot', similarity: 0.45 },
  ];

  it('lifts a weak sibling of a strong project above fair hits of other projects', () => {
    expect(order(poolByGroup(hits, { weight: 5, depth: 2 })).slice(0, 3)).toEqual([
      'billing-prd',
      'billing-arch',
      'billing-qa',
    ]);
  });

  it('is plain similarity order with weight 0', () => {
    const pooled = poolByGroup(hits, { weight: 0, depth: 2 });
    expect(pooled.map((hit) => hit.pooled)).toEqual(hits.map((hit) => hit.similarity));
    expect(order(pooled).slice(0, 3)).toEqual(['billing-prd', 'billing-arch', 'chat-prd']);
  });

  it('computes (similarity + w · mean of the group’s depth best) / (1 + w)', () => {
    const [, , qa] = poolByGroup(hits, { weight: 1, depth: 2 });
    expect(qa?.pooled).toBeCloseTo((0.1 + (0.8 + 0.6) / 2) / 2);
  });

  it('scores a hit without a group (a template) as its own group, neither lifted nor sunk', () => {
    const [template] = poolByGroup([{ id: 't', similarity: 0.7 }, ...hits], {
      weight: 5,
      depth: 2,
    });
    expect(template?.pooled).toBeCloseTo(0.7);
  });

  it('needs depth good matches: one lucky hit does not pull its project above a consistent one', () => {
    const lucky = [
      { id: 'a1', group: 'a', similarity: 0.7 },
      { id: 'a2', group: 'a', similarity: 0.0 },
      { id: 'b1', group: 'b', similarity: 0.6 },
      { id: 'b2', group: 'b', similarity: 0.55 },
    ];
    expect(order(poolByGroup(lucky, { weight: 5, depth: 2 })).slice(0, 2)).toEqual(['b1', 'b2']);
    expect(order(poolByGroup(lucky, { weight: 5, depth: 1 }))[0]).toBe('a1');
  });

  it('keeps the input order and the hits’ own fields', () => {
    const pooled = poolByGroup(hits, { weight: 5, depth: 2 });
    expect(pooled.map((hit) => hit.id)).toEqual(hits.map((hit) => hit.id));
  });
});

describe(leadingGroups.name, () => {
  it('names the groups of the best pooled hits, each once, templates skipped', () => {
    const hits = [
      { similarity: 0.9 },
      { group: 'a', similarity: 0.8 },
      { group: 'a', similarity: 0.7 },
      { group: 'b', similarity: 0.5 },
      { group: 'c', similarity: 0.1 },
    ];
    expect(leadingGroups(hits, { weight: 5, depth: 2 }, 2)).toEqual(['a', 'b']);
  });
});
