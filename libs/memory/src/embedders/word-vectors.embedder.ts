import { normalize } from '../text/vector-math.util';
import { tokenize } from '../text/tokenize.util';
import { type Embedder } from './embedder';
import { type WordVectors } from './word-vectors';

// Words ranked below this are function words ("the", "of", "with"): they carry no topic.
const COMMON_RANKS = 150;
// The mean of ordinary words' vectors is what every averaged text shares; subtracting it spreads
// unrelated texts apart (plain averages of unrelated texts scored 0.8-0.9 cosine).
const MEAN_RANKS: readonly [number, number] = [COMMON_RANKS, 30_000];

/**
 * The semantic offline default: the average of a text's word vectors, each weighted by an IDF
 * estimated from its frequency rank (Zipf: p(w) ~ 1/rank, so idf ~ log rank), minus the mean word
 * vector. Unknown words are split on `-`, `.` and `_` and skipped if still unknown.
 */
export class WordVectorsEmbedder implements Embedder {
  readonly name: string;
  readonly dimension: number;
  private readonly mean: Float32Array;

  constructor(private readonly table: WordVectors) {
    this.name = `${table.name}-idf`;
    this.dimension = table.dimension;
    this.mean = meanVector(table, MEAN_RANKS);
  }

  embed(texts: readonly string[]): Promise<number[][]> {
    return Promise.resolve(texts.map((text) => this.embedOne(text)));
  }

  private embedOne(text: string): number[] {
    const { dimension, vectors } = this.table;
    const sum = new Array<number>(dimension).fill(0);
    let total = 0;
    for (const rank of this.ranksOf(text)) {
      const weight = Math.log((rank + 1) / COMMON_RANKS);
      if (weight <= 0) continue;
      const offset = rank * dimension;
      for (let i = 0; i < dimension; i++) {
        sum[i] = (sum[i] ?? 0) + weight * (vectors[offset + i] ?? 0);
      }
      total += weight;
    }
    if (total === 0) return sum;
    for (let i = 0; i < dimension; i++) sum[i] = (sum[i] ?? 0) / total - (this.mean[i] ?? 0);
    return normalize(sum);
  }

  private *ranksOf(text: string): Iterable<number> {
    for (const token of tokenize(text)) {
      const rank = this.table.ranks.get(token);
      if (rank !== undefined) {
        yield rank;
        continue;
      }
      for (const part of token.split(/[-._]/)) {
        const partRank = this.table.ranks.get(part);
        if (partRank !== undefined) yield partRank;
      }
    }
  }
}

function meanVector(table: WordVectors, [from, to]: readonly [number, number]): Float32Array {
  const mean = new Float32Array(table.dimension);
  const end = Math.min(to, table.ranks.size);
  if (end <= from) return mean;
  for (let rank = from; rank < end; rank++) {
    for (let i = 0; i < table.dimension; i++) {
      mean[i] = (mean[i] ?? 0) + (table.vectors[rank * table.dimension + i] ?? 0) / (end - from);
    }
  }
  return mean;
}
