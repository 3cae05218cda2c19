import { type Embedder } from './embedder';

/**
 * The vectors of recent search texts, least recently used dropped first. A repeated search (a
 * retried or restarted stage asks again with the same text; a person pages through results) skips
 * the embedder, which for an OpenAI-compatible server is a network round trip. Keyed by embedder
 * name too, so a cache outliving an embedder change never answers with the old one's vectors.
 */
export class QueryVectorCache {
  private readonly entries = new Map<string, readonly number[]>();

  constructor(private readonly capacity = 1_000) {}

  async embed(embedder: Embedder, text: string): Promise<readonly number[]> {
    const key = `${embedder.name}\u0000${text}`;
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key); // re-inserted: Map order is the recency order
      this.entries.set(key, cached);
      return cached;
    }
    const [vector = []] = await embedder.embed([text]);
    this.entries.set(key, vector);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return vector;
  }

  get size(): number {
    return this.entries.size;
  }
}
