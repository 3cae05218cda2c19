import { normalize } from '../text/vector-math.util';
import { tokenize } from '../text/tokenize.util';
import { type Embedder } from './embedder';

/** FNV-1a, 32 bit: fast, stable across processes and platforms. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The lexical baseline: words and character trigrams hashed into `dimension` signed buckets, with
 * log-scaled counts. No model, no network; it knows spelling, not meaning.
 */
export class HashedNgramEmbedder implements Embedder {
  readonly name: string;

  constructor(readonly dimension = 512) {
    this.name = `hashed-ngram-${dimension}`;
  }

  embed(texts: readonly string[]): Promise<number[][]> {
    return Promise.resolve(texts.map((text) => this.embedOne(text)));
  }

  private embedOne(text: string): number[] {
    const counts = new Map<string, number>();
    const add = (feature: string, weight: number): void => {
      counts.set(feature, (counts.get(feature) ?? 0) + weight);
    };
    for (const word of tokenize(text)) {
      add(`w:${word}`, 1);
      const padded = ` ${word} `;
      for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`, 0.5);
    }
    const vector = new Array<number>(this.dimension).fill(0);
    for (const [feature, count] of counts) {
      const hash = fnv1a(feature);
      const sign = hash & 1 ? 1 : -1; // signed buckets: collisions cancel instead of piling up
      const bucket = (hash >>> 1) % this.dimension;
      vector[bucket] = (vector[bucket] ?? 0) + sign * (1 + Math.log(count));
    }
    return normalize(vector);
  }
}
