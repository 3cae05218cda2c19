import { dot } from './dot.util';
import { Int8VectorSlab } from './int8-vector-slab';
import { normalize } from './vector-math.util';

/** A seeded unit vector, so a failure can be replayed. */
function unitVector(seed: number, dimension: number): number[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648 - 0.5;
  };
  return normalize(Array.from({ length: dimension }, next));
}

describe(Int8VectorSlab.name, () => {
  it('keeps the dot product of 612-d unit vectors within 0.005 of float precision', () => {
    const sut = new Int8VectorSlab(612, 16);
    let worst = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const a = unitVector(seed, 612);
      const b = unitVector(seed + 1_000, 612);
      worst = Math.max(worst, Math.abs(sut.dot(sut.put(b), a) - dot(a, b)));
    }
    expect(worst).toBeLessThan(0.005);
    expect(sut.bytes).toBe(13 * 16 * (612 + 4)); // 200 vectors in chunks of 16
  });

  it('answers a vector with itself at about 1, and a zero vector with 0', () => {
    const sut = new Int8VectorSlab(100);
    const a = unitVector(7, 100);
    expect(sut.dot(sut.put(a), a)).toBeCloseTo(1, 2);
    expect(sut.dot(sut.put(new Array<number>(100).fill(0)), a)).toBe(0);
  });

  it('reuses a released slot, overwriting what it held', () => {
    const sut = new Int8VectorSlab(2, 4);
    const first = sut.put([1, 0]);
    sut.put([0, 1]);
    sut.release(first);

    const reused = sut.put([0.6, 0.8]);

    expect(reused).toBe(first);
    expect(sut.dot(reused, [1, 0])).toBeCloseTo(0.6, 2);
  });

  it('refuses a vector of another dimension', () => {
    expect(() => new Int8VectorSlab(3).put([1, 0])).toThrow('a vector of 2 d in a slab of 3 d');
  });
});
