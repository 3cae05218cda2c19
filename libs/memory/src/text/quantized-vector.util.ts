/**
 * A vector held as one signed byte per dimension and one scale (the largest magnitude / 127): a
 * quarter of float32's bytes, so a whole memory's vectors fit in a service (612 d: 612 bytes a
 * pattern, 61 MB at 100 000). On unit vectors a dot product moves by about 1e-3, far below the
 * gaps that decide a ranking (see the spec).
 */
export interface QuantizedVector {
  readonly codes: Int8Array;
  readonly scale: number;
}

/** Rounds each component to the nearest of 255 steps between -max and +max. */
export function quantize(vector: ArrayLike<number>): QuantizedVector {
  let max = 0;
  for (let i = 0; i < vector.length; i++) max = Math.max(max, Math.abs(vector[i] ?? 0));
  const scale = max / 127;
  const codes = new Int8Array(vector.length);
  if (scale === 0) return { codes, scale: 0 };
  for (let i = 0; i < vector.length; i++) codes[i] = Math.round((vector[i] ?? 0) / scale);
  return { codes, scale };
}

/** The dot product of a float vector with a quantized one. */
export function quantizedDot(vector: ArrayLike<number>, quantized: QuantizedVector): number {
  const { codes, scale } = quantized;
  const length = Math.min(vector.length, codes.length);
  let sum = 0;
  for (let i = 0; i < length; i++) sum += (vector[i] ?? 0) * (codes[i] ?? 0);
  return sum * scale;
}
