/**
 * A word-vector table: unit vectors packed in one Float32Array, words in frequency order (rank 0 is
 * the most frequent), which is what lets the embedder weight words without a corpus of its own.
 */
export interface WordVectors {
  readonly name: string;
  readonly dimension: number;
  /** word → rank; the vector of rank r starts at r * dimension. */
  readonly ranks: ReadonlyMap<string, number>;
  readonly vectors: Float32Array;
}

/** Packs `[word, vector]` pairs given in frequency order; each vector is scaled to unit length. */
export function packWordVectors(
  name: string,
  dimension: number,
  entries: Iterable<readonly [string, ArrayLike<number>]>,
): WordVectors {
  const ranks = new Map<string, number>();
  const chunks: Float32Array[] = [];
  for (const [word, vector] of entries) {
    if (ranks.has(word)) continue;
    const packed = new Float32Array(dimension);
    let sum = 0;
    for (let i = 0; i < dimension; i++) sum += (vector[i] ?? 0) ** 2;
    const norm = Math.sqrt(sum) || 1;
    for (let i = 0; i < dimension; i++) packed[i] = (vector[i] ?? 0) / norm;
    ranks.set(word, chunks.length);
    chunks.push(packed);
  }
  const vectors = new Float32Array(chunks.length * dimension);
  chunks.forEach((chunk, rank) => vectors.set(chunk, rank * dimension));
  return { name, dimension, ranks, vectors };
}
