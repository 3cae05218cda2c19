import { SiblingVectorCache } from './sibling-vector-cache';

const v = (...values: number[]) => Float32Array.from(values);

describe(SiblingVectorCache.name, () => {
  it('answers a vector only at the version it was stored with', () => {
    const sut = new SiblingVectorCache(10);
    sut.set('p1', 'sha-a', v(1, 0));

    expect(sut.get('p1', 'sha-a')).toEqual(v(1, 0));
    expect(sut.get('p1', 'sha-b')).toBeUndefined(); // the pattern's text changed
    expect(sut.stats).toEqual({ hits: 1, misses: 1 });
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const sut = new SiblingVectorCache(2);
    sut.set('p1', 's', v(1));
    sut.set('p2', 's', v(2));
    sut.get('p1', 's'); // p2 is now the oldest
    sut.set('p3', 's', v(3));

    expect(sut.size).toBe(2);
    expect(sut.get('p2', 's')).toBeUndefined();
    expect(sut.get('p1', 's')).toEqual(v(1));
    expect(sut.get('p3', 's')).toEqual(v(3));
  });

  it('replaces an id’s old version instead of holding both', () => {
    const sut = new SiblingVectorCache(10);
    sut.set('p1', 'sha-a', v(1));
    sut.set('p1', 'sha-b', v(2));

    expect(sut.size).toBe(1);
    expect(sut.get('p1', 'sha-b')).toEqual(v(2));
  });

  it('forgets deleted patterns', () => {
    const sut = new SiblingVectorCache(10);
    sut.set('p1', 's', v(1));
    sut.forget(['p1', 'never-stored']);

    expect(sut.get('p1', 's')).toBeUndefined();
    expect(sut.size).toBe(0);
  });

  it('holds nothing with capacity 0', () => {
    const sut = new SiblingVectorCache(0);
    sut.set('p1', 's', v(1));

    expect(sut.size).toBe(0);
    expect(sut.get('p1', 's')).toBeUndefined();
  });
});

describe(`${SiblingVectorCache.name} by group`, () => {
  it('names the ids and versions it holds of the asked groups only', () => {
    const sut = new SiblingVectorCache(10);
    sut.set('p1', 'sha-a', v(1), 'fleet');
    sut.set('p2', 'sha-b', v(2), 'fleet');
    sut.set('p3', 'sha-c', v(3), 'shop');
    sut.set('p4', 'sha-d', v(4)); // no group: never named

    expect(sut.heldFor(['fleet', 'unknown'])).toEqual({
      ids: ['p1', 'p2'],
      versions: ['sha-a', 'sha-b'],
    });
  });

  it('stops naming an id once evicted, forgotten, or moved to another group', () => {
    const sut = new SiblingVectorCache(2);
    sut.set('p1', 's', v(1), 'fleet');
    sut.set('p2', 's', v(2), 'fleet');
    sut.set('p3', 's', v(3), 'shop'); // evicts p1
    sut.forget(['p2']);
    sut.set('p3', 's2', v(3), 'fleet');

    expect(sut.heldFor(['fleet'])).toEqual({ ids: ['p3'], versions: ['s2'] });
    expect(sut.heldFor(['shop'])).toEqual({ ids: [], versions: [] });
  });
});
