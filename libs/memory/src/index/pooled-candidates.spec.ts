import { DEFAULT_GROUP_POOLING } from '../ranking/group-pooling.util';
import { type GroupLookup, type SiblingReader } from '../siblings/sibling-reader';
import { type IndexHit, type IndexQuery } from './index-types';
import { pooledCandidates } from './pooled-candidates';

describe(pooledCandidates.name, () => {
  /** An index answering fixed hits (with groups only when asked to group), recording its queries. */
  const indexOf = (hits: ReadonlyArray<{ id: string; similarity: number; group: string }>) => {
    const asked: IndexQuery[] = [];
    return {
      asked,
      query: (_vector: readonly number[], query: IndexQuery): Promise<IndexHit[]> => {
        asked.push(query);
        return Promise.resolve(
          hits.map((hit) => (query.groupBy ? hit : { ...hit, group: undefined })),
        );
      },
    };
  };
  const readerOf = (lookup?: GroupLookup) => {
    const groupsRead: string[][] = [];
    const reader: SiblingReader = {
      read: (_vector, groups) => {
        groupsRead.push([...groups]);
        return Promise.resolve([{ id: 'fleet-qa', similarity: 0.1, group: 'fleet' }]);
      },
      ...(lookup ? { groupLookup: () => lookup } : {}),
    };
    return { groupsRead, reader };
  };
  const hits = [
    { id: 'fleet-prd', similarity: 0.9, group: 'fleet' },
    { id: 'shop-prd', similarity: 0.5, group: 'shop' },
  ];
  const query = { k: 1, pooling: DEFAULT_GROUP_POOLING, groupBy: 'projectId' };

  it("takes the hits' groups from the reader's memory, asking the index for no metadata", async () => {
    const index = indexOf(hits);
    const { groupsRead, reader } = readerOf((id) => (id.startsWith('fleet') ? 'fleet' : 'shop'));

    const candidates = await pooledCandidates(index, [1, 0], query, reader);

    expect(index.asked[0]?.groupBy).toBeUndefined();
    expect(candidates.map((hit) => [hit.id, hit.group])).toEqual([
      ['fleet-prd', 'fleet'],
      ['shop-prd', 'shop'],
      ['fleet-qa', 'fleet'],
    ]);
    expect(groupsRead[0]?.[0]).toBe('fleet');
  });

  it('asks the index for the groups when the reader holds none', async () => {
    const index = indexOf(hits);
    const { groupsRead, reader } = readerOf();

    const candidates = await pooledCandidates(index, [1, 0], query, reader);

    expect(index.asked[0]?.groupBy).toBe('projectId');
    expect(candidates.map((hit) => hit.group)).toEqual(['fleet', 'shop', 'fleet']);
    expect(groupsRead[0]?.[0]).toBe('fleet');
  });
});
