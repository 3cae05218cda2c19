import { CachedSiblings, type VectorSource } from './cached-siblings';
import { type GroupMember, type GroupMembers } from './sibling-reader';
import { SiblingVectorCache } from './sibling-vector-cache';

const v = (...values: number[]) => Float32Array.from(values);

/** Answers fixed members, and records what it was asked. */
function membersOf(members: GroupMember[]): GroupMembers & { asked: unknown[][] } {
  const asked: unknown[][] = [];
  return {
    asked,
    membersOf: (...args) => {
      asked.push(args);
      return Promise.resolve(members);
    },
  };
}

/** Chroma's vectors by id; records each read. */
function vectorSource(stored: Record<string, Float32Array>): VectorSource & { reads: string[][] } {
  const reads: string[][] = [];
  return {
    reads,
    vectorsOf: (ids) => {
      reads.push([...ids]);
      return Promise.resolve(
        new Map(ids.flatMap((id) => (stored[id] ? [[id, stored[id]] as const] : []))),
      );
    },
  };
}

describe(CachedSiblings.name, () => {
  const qa = { id: 'qa', group: 'fleet', version: 'sha-1' };
  const arch = { id: 'arch', group: 'fleet', version: 'sha-1' };

  it('scores the members against the query, reading each vector from Chroma once', async () => {
    const source = vectorSource({ qa: v(0, 1), arch: v(0.6, 0.8) });
    const sut = new CachedSiblings(membersOf([qa, arch]), new SiblingVectorCache(10), [source]);

    const first = await sut.read([1, 0], ['fleet'], {}, 200);
    const second = await sut.read([0, 1], ['fleet'], {}, 200);

    expect(first).toEqual([
      { id: 'qa', similarity: 0, group: 'fleet' },
      { id: 'arch', similarity: expect.closeTo(0.6, 5) as number, group: 'fleet' },
    ]);
    expect(second.map((hit) => hit.similarity)).toEqual([1, expect.closeTo(0.8, 5)]);
    expect(source.reads).toEqual([['qa', 'arch']]);
  });

  it('reads a member again once its version changed (its text was updated)', async () => {
    const source = vectorSource({ qa: v(0, 1) });
    const cache = new SiblingVectorCache(10);
    await new CachedSiblings(membersOf([qa]), cache, [source]).read([1, 0], ['fleet'], {}, 200);
    await new CachedSiblings(membersOf([{ ...qa, version: 'sha-2' }]), cache, [source]).read(
      [1, 0],
      ['fleet'],
      {},
      200,
    );

    expect(source.reads).toEqual([['qa'], ['qa']]);
  });

  it('leaves out a member whose vector Chroma does not have, and does not cache it', async () => {
    const source = vectorSource({ arch: v(1, 0) });
    const cache = new SiblingVectorCache(10);
    const sut = new CachedSiblings(membersOf([qa, arch]), cache, [source]);

    const hits = await sut.read([1, 0], ['fleet'], {}, 200);

    expect(hits.map((hit) => hit.id)).toEqual(['arch']);
    expect(cache.size).toBe(1);
  });

  it('answers only what the record lists: a cached vector of a deleted pattern is not a hit', async () => {
    const cache = new SiblingVectorCache(10);
    cache.set('deleted', 'sha-1', v(1, 0));
    const sut = new CachedSiblings(membersOf([arch]), cache, [vectorSource({ arch: v(1, 0) })]);

    const hits = await sut.read([1, 0], ['fleet'], {}, 200);

    expect(hits.map((hit) => hit.id)).toEqual(['arch']);
  });

  it('passes the filters and limit to the membership, and asks nothing without groups', async () => {
    const members = membersOf([qa]);
    const source = vectorSource({});
    const sut = new CachedSiblings(members, new SiblingVectorCache(10), [source]);

    expect(await sut.read([1, 0], [], { types: ['qa'] }, 200)).toEqual([]);
    await sut.read([1, 0], ['fleet'], { types: ['qa'], where: { suite: 's' } }, 50);

    expect(members.asked).toEqual([[['fleet'], { types: ['qa'], where: { suite: 's' } }, 50]]);
  });

  it('reads from the next source only the vectors the first did not have', async () => {
    const rows = vectorSource({ qa: v(0, 1) });
    const chroma = vectorSource({ qa: v(9, 9), arch: v(1, 0) });
    const sut = new CachedSiblings(membersOf([qa, arch]), new SiblingVectorCache(10), [
      rows,
      chroma,
    ]);

    const hits = await sut.read([1, 0], ['fleet'], {}, 200);

    expect(hits.map((hit) => [hit.id, hit.similarity])).toEqual([
      ['qa', 0],
      ['arch', 1],
    ]);
    expect(rows.reads).toEqual([['qa', 'arch']]);
    expect(chroma.reads).toEqual([['arch']]);
  });
});
