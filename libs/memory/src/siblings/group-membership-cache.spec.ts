import { GroupMembershipCache } from './group-membership-cache';

const qa = { id: 'qa', version: 'sha-1', type: 'qa' };

describe(GroupMembershipCache.name, () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 1_000));

  it('answers a listing until it is ttl old, and counts what it answered', () => {
    const sut = new GroupMembershipCache(30_000, 10, now);
    sut.listed('hybrid', ['fleet']);
    sut.record('hybrid', sut.ticket(), 'fleet', [qa]);

    clock += 29_999;
    expect(sut.listed('hybrid', ['fleet', 'other']).get('fleet')).toEqual([qa]);
    clock += 1;
    expect(sut.listed('hybrid', ['fleet']).size).toBe(0);
    expect(sut.stats).toEqual({ hits: 1, misses: 3 });
  });

  it('drops a listing asked for before a clear, and every listing at a clear', () => {
    const sut = new GroupMembershipCache(30_000, 10, now);
    sut.listed('hybrid', []);
    sut.record('hybrid', sut.ticket(), 'kept', [qa]);
    const before = sut.ticket();

    sut.clear(); // a write while the listing of 'fleet' was being read
    sut.record('hybrid', before, 'fleet', [qa]);

    expect(sut.size).toBe(0);
  });

  it('forgets the named groups, and a listing being read meanwhile', () => {
    const sut = new GroupMembershipCache(30_000, 10, now);
    sut.listed('hybrid', []);
    for (const group of ['a', 'b']) sut.record('hybrid', sut.ticket(), group, [qa]);
    const before = sut.ticket();

    sut.forget(['a']);
    sut.record('hybrid', before, 'c', [qa]);

    expect([...sut.listed('hybrid', ['a', 'b', 'c']).keys()]).toEqual(['b']);
  });

  it("keeps one embedder's listings, the most recently used first", () => {
    const sut = new GroupMembershipCache(30_000, 2, now);
    sut.listed('hybrid', []);
    for (const group of ['a', 'b']) sut.record('hybrid', sut.ticket(), group, [qa]);
    sut.listed('hybrid', ['a']);
    sut.record('hybrid', sut.ticket(), 'c', [qa]); // evicts b, the least recently used

    expect([...sut.listed('hybrid', ['a', 'b', 'c']).keys()]).toEqual(['a', 'c']);
    expect(sut.listed('openai', ['a', 'c']).size).toBe(0);
    sut.record('hybrid', sut.ticket(), 'd', [qa]); // listed by the embedder no longer loaded
    expect(sut.size).toBe(0);
  });

  it('keeps nothing with ttl 0', () => {
    const sut = new GroupMembershipCache(0, 10, now);
    sut.listed('hybrid', []);
    sut.record('hybrid', sut.ticket(), 'fleet', [qa]);

    expect(sut.listed('hybrid', ['fleet']).size).toBe(0);
  });
});
