import { normalize } from '../text/vector-math.util';
import { type Embedder } from './embedder';

/**
 * Two embedders side by side: the concatenation of their unit vectors scaled by √w and √(1−w), so
 * its cosine is exactly `w·cos(semantic) + (1−w)·cos(lexical)`. Word vectors know meaning but not
 * product names (kubernetes, graphql are not in the vocabulary); n-grams cover those.
 */
export class HybridEmbedder implements Embedder {
  readonly name: string;
  readonly dimension: number;

  constructor(
    private readonly semantic: Embedder,
    private readonly lexical: Embedder,
    private readonly semanticWeight = 0.5,
  ) {
    this.name = `hybrid(${semantic.name}*${semanticWeight}+${lexical.name})`;
    this.dimension = semantic.dimension + lexical.dimension;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    const [meaning, spelling] = await Promise.all([
      this.semantic.embed(texts),
      this.lexical.embed(texts),
    ]);
    const a = Math.sqrt(this.semanticWeight);
    const b = Math.sqrt(1 - this.semanticWeight);
    return meaning.map((vector, i) =>
      normalize([...vector.map((x) => x * a), ...(spelling[i] ?? []).map((x) => x * b)]),
    );
  }
}
