import { type IndexedPattern } from './index-types';
import { PendingTypeWrites } from './pending-type-writes';

const pattern = (id: string, type: string, vector: number[], project = 'p1'): IndexedPattern => ({
  id,
  type,
  vector,
  metadata: { projectId: project },
});

describe(PendingTypeWrites.name, () => {
  it('finds held patterns of the asked types by cosine, with their group, best first', () => {
    const sut = new PendingTypeWrites();
    sut.add([
      pattern('near', 'qa', [1, 0.1], 'p1'),
      pattern('far', 'qa', [0, 1], 'p2'),
      pattern('other-type', 'prd', [1, 0]),
    ]);

    const hits = sut.nearest([1, 0], ['qa'], 5, 'projectId');

    expect(hits.map((hit) => [hit.id, hit.group])).toEqual([
      ['near', 'p1'],
      ['far', 'p2'],
    ]);
    expect(hits[0]?.similarity).toBeCloseTo(0.995, 3);
    expect(sut.nearest([1, 0], ['qa'], 1, undefined)).toEqual([
      { id: 'near', similarity: expect.any(Number), group: undefined },
    ]);
  });

  it('keeps the latest write of an id and drops a deleted one', () => {
    const sut = new PendingTypeWrites();
    sut.add([pattern('a', 'qa', [1, 0]), pattern('b', 'qa', [1, 0])]);
    sut.add([pattern('a', 'qa', [0, 1])]);
    sut.forget(['b']);

    expect(sut.size).toBe(1);
    expect(sut.take().get('qa')).toEqual([pattern('a', 'qa', [0, 1])]);
    expect(sut.size).toBe(0);
  });

  it('puts back what a failed flush took, unless written again or deleted meanwhile', () => {
    const sut = new PendingTypeWrites();
    sut.add([pattern('kept', 'qa', [1, 0]), pattern('rewritten', 'qa', [1, 0])]);
    sut.add([pattern('deleted', 'prd', [1, 0])]);
    const taken = sut.take();
    sut.add([pattern('rewritten', 'qa', [0, 1])]);
    sut.forget(['deleted']);

    sut.restore(taken);

    const held = [...sut.take().values()].flat();
    expect(held.map((p) => [p.id, p.vector])).toEqual([
      ['rewritten', [0, 1]],
      ['kept', [1, 0]],
    ]);
  });

  it('still answers for flushed writes during the grace period, then leaves them to Chroma', () => {
    let now = 1_000;
    const sut = new PendingTypeWrites(5_000, () => now);
    sut.add([pattern('a', 'qa', [1, 0])]);
    sut.take();

    expect(sut.size).toBe(0); // nothing left to flush
    now += 4_999;
    expect(sut.has('a')).toBe(true);
    expect(sut.countOf(['qa'])).toBe(1);
    expect(sut.nearest([1, 0], ['qa'], 5, undefined).map((hit) => hit.id)).toEqual(['a']);
    now += 2;
    expect(sut.has('a')).toBe(false);
    expect(sut.nearest([1, 0], ['qa'], 5, undefined)).toEqual([]);
  });
});
