import { searchCandidates } from './search-candidates';

describe(searchCandidates.name, () => {
  const hit = (id: string, group: string, similarity: number) => ({ id, group, similarity });

  it('reads 3·k nearest neighbours and the other members of the leading projects only', async () => {
    const scored = [
      hit('p-prd', 'p', 0.9),
      hit('p-qa', 'p', 0.01), // far, but a sibling of the best project
      hit('q-prd', 'q', 0.5),
      hit('r-prd', 'r', 0.4),
      hit('s-prd', 's', 0.3),
      hit('t-qa', 't', 0.02), // far, and its project never leads
    ];

    const candidates = await searchCandidates(scored, 1, { weight: 5, depth: 1 });

    expect(candidates.map((candidate) => candidate.id).sort()).toEqual(
      ['p-prd', 'q-prd', 'r-prd', 'p-qa'].sort(),
    );
  });
});
