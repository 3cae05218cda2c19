import { type VectorSource } from './cached-siblings';
import { GroupMembershipCache } from './group-membership-cache';
import { groupSiblingsSql } from './sql-group-members';
import { SiblingVectorCache } from './sibling-vector-cache';
import { SqlSiblings } from './sql-siblings';

const bytes = (...values: number[]) => Buffer.from(Float32Array.from(values).buffer);

describe(groupSiblingsSql.name, () => {
  it('asks the membership with vectors, except those held at their version', () => {
    const { text, params } = groupSiblingsSql(
      'projectId',
      'hybrid',
      ['p1'],
      { types: ['qa'] },
      50,
      {
        ids: ['a'],
        versions: ['sha-a'],
      },
    );

    expect(text).toContain(`(metadata ->> 'projectId') = ANY($1::text[])`);
    expect(text).toContain('type = ANY($3::text[])');
    expect(text).toContain(
      'CASE WHEN (id, content_sha256) IN (SELECT * FROM unnest($4::text[], $5::text[])) THEN NULL ELSE vector END',
    );
    expect(text).toMatch(/LIMIT \$6$/);
    expect(params).toEqual([['p1'], 'hybrid', ['qa'], ['a'], ['sha-a'], 50]);
  });
});

describe(SqlSiblings.name, () => {
  /** Answers fixed rows; records the parameters it was asked with. */
  const sqlOf = (rows: unknown[]) => {
    const asked: unknown[][] = [];
    return {
      asked,
      query: (_text: string, params?: unknown[]) => {
        asked.push(params ?? []);
        return Promise.resolve(rows);
      },
    };
  };

  it('scores rows with their vectors, caches them, and names them held the next time', async () => {
    const cache = new SiblingVectorCache(10);
    const sql = sqlOf([
      { id: 'qa', grp: 'fleet', version: 'sha-1', type: 'qa', vector: bytes(0, 1) },
      { id: 'arch', grp: 'fleet', version: 'sha-1', type: 'qa', vector: bytes(0.6, 0.8) },
    ]);
    const sut = new SqlSiblings(sql, 'hybrid', 'projectId', cache);

    const hits = await sut.read([1, 0], ['fleet'], {}, 200);
    await sut.read([1, 0], ['fleet'], {}, 200);

    expect(hits).toEqual([
      { id: 'qa', similarity: 0, group: 'fleet' },
      { id: 'arch', similarity: expect.closeTo(0.6, 5) as number, group: 'fleet' },
    ]);
    expect(sql.asked[0]?.slice(2, 4)).toEqual([[], []]);
    expect(sql.asked[1]?.slice(2, 4)).toEqual([
      ['qa', 'arch'],
      ['sha-1', 'sha-1'],
    ]);
    expect(cache.stats).toEqual({ hits: 0, misses: 4 });
  });

  it('scores a row without a vector from the cache, else from the fallbacks in turn', async () => {
    const cache = new SiblingVectorCache(10);
    cache.set('qa', 'sha-1', Float32Array.from([0, 1]), 'fleet');
    const chromaReads: string[][] = [];
    const chroma = {
      vectorsOf: (ids: readonly string[]) => {
        chromaReads.push([...ids]);
        return Promise.resolve(new Map([['old', Float32Array.from([1, 0])]]));
      },
    };
    const sql = sqlOf([
      { id: 'qa', grp: 'fleet', version: 'sha-1', type: 'qa', vector: null },
      { id: 'old', grp: 'fleet', version: 'sha-1', type: 'qa', vector: null }, // indexed before the column
      { id: 'gone', grp: 'fleet', version: 'sha-1', type: 'qa', vector: null }, // no source has it
    ]);
    const sut = new SqlSiblings(sql, 'hybrid', 'projectId', cache, [chroma]);

    const hits = await sut.read([1, 0], ['fleet'], {}, 200);

    expect(hits.map((hit) => [hit.id, hit.similarity])).toEqual([
      ['qa', 0],
      ['old', 1],
    ]);
    expect(chromaReads).toEqual([['old', 'gone']]);
    expect(cache.heldFor(['fleet']).ids.sort()).toEqual(['old', 'qa']);
  });

  describe('with a membership cache', () => {
    const fleet = [
      { id: 'qa', grp: 'fleet', version: 'sha-1', type: 'qa', vector: bytes(0, 1) },
      { id: 'arch', grp: 'fleet', version: 'sha-1', type: 'architecture', vector: bytes(1, 0) },
    ];
    /** A reader of the fleet rows with a membership cache, and what it was built with. */
    const listing = (fallbacks: VectorSource[] = []) => {
      const sql = sqlOf(fleet);
      const cache = new SiblingVectorCache(10);
      const members = new GroupMembershipCache();
      const sut = new SqlSiblings(sql, 'hybrid', 'projectId', cache, fallbacks, members);
      return { sql, cache, members, sut };
    };

    it('lists a group whole once, then answers its members and their types from memory', async () => {
      const { sql, sut } = listing();

      const typed = await sut.read([1, 0], ['fleet'], { types: ['architecture'] }, 200);
      const again = await sut.read([1, 0], ['fleet'], {}, 200);

      expect(typed).toEqual([{ id: 'arch', similarity: 1, group: 'fleet' }]);
      expect(again.map((hit) => [hit.id, hit.similarity])).toEqual([
        ['qa', 0],
        ['arch', 1],
      ]);
      expect(sql.asked).toHaveLength(1); // listed whole: no type filter sent
      expect(sql.asked[0]).toEqual([['fleet'], 'hybrid', [], [], 200]);
    });

    it('asks the record again after a clear, and for a metadata filter always', async () => {
      const { sql, members, sut } = listing();

      await sut.read([1, 0], ['fleet'], {}, 200);
      members.clear();
      await sut.read([1, 0], ['fleet'], {}, 200);
      await sut.read([1, 0], ['fleet'], { where: { team: 'x' } }, 200);

      expect(sql.asked).toHaveLength(3);
      expect(sql.asked[2]).toContain(JSON.stringify({ team: 'x' }));
    });

    it('does not list a group cut at the limit, and filters that search in the record', async () => {
      const { sql, members, sut } = listing();

      await sut.read([1, 0], ['fleet'], { types: ['qa'] }, 2);

      expect(members.size).toBe(0);
      expect(sql.asked[1]).toEqual([['fleet'], 'hybrid', ['qa'], [], [], 2]);
    });

    it('reads a listed member whose vector was evicted from the fallbacks', async () => {
      const byId: string[][] = [];
      const rows = {
        vectorsOf: (ids: readonly string[]) => {
          byId.push([...ids]);
          return Promise.resolve(new Map([['qa', Float32Array.from([0, 1])]]));
        },
      };
      const { cache, sut } = listing([rows]);

      await sut.read([1, 0], ['fleet'], {}, 200);
      cache.forget(['qa']);
      const hits = await sut.read([0, 1], ['fleet'], {}, 200);

      expect(byId).toEqual([['qa']]);
      expect(hits.map((hit) => [hit.id, hit.similarity])).toEqual([
        ['qa', 1],
        ['arch', 0],
      ]);
    });
  });

  it('asks nothing without groups, and refuses a group key that is not a metadata key', async () => {
    const sql = sqlOf([]);

    expect(
      await new SqlSiblings(sql, 'h', 'projectId', new SiblingVectorCache()).read([1], [], {}, 9),
    ).toEqual([]);
    expect(sql.asked).toEqual([]);
    expect(() => new SqlSiblings(sql, 'h', "x') OR true --", new SiblingVectorCache())).toThrow(
      /not a metadata key/,
    );
  });
});
