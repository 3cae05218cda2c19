import { dot } from './dot.util';
import { quantize, quantizedDot } from './quantized-vector.util';
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

describe(quantize.name, () => {
  it('keeps the dot product of 612-d unit vectors within 0.005 of float precision', () => {
    let worst = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const a = unitVector(seed, 612);
      const b = unitVector(seed + 1_000, 612);
      worst = Math.max(worst, Math.abs(quantizedDot(a, quantize(b)) - dot(a, b)));
    }
    expect(worst).toBeLessThan(0.005);
  });

  it('answers a vector with itself at about 1', () => {
    const a = unitVector(7, 100);
    expect(quantizedDot(a, quantize(a))).toBeCloseTo(1, 2);
  });

  it('holds one byte per dimension, and a zero vector as zero', () => {
    expect(quantize(unitVector(3, 612)).codes.byteLength).toBe(612);
    const zero = quantize([0, 0, 0]);
    expect(quantizedDot([1, 2, 3], zero)).toBe(0);
  });
});
