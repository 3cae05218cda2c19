import { chunkText } from '../text/chunk-text.util';
import { normalize } from '../text/vector-math.util';
import { type Embedder } from './embedder';

/**
 * One vector per document: long documents are chunked, each piece embedded, and the pieces'
 * vectors averaged (weighted by piece length) into one unit vector, so a 50-page PRD is one
 * pattern, not 50 rows that crowd a search's top k.
 */
export async function embedDocuments(
  embedder: Embedder,
  documents: readonly string[],
  maxWords = 200,
): Promise<number[][]> {
  const pieces = documents.map((document) => chunkText(document, maxWords));
  const vectors = await embedder.embed(pieces.flat());
  let next = 0;
  return pieces.map((chunks) => {
    const pooled = new Array<number>(embedder.dimension).fill(0);
    for (const chunk of chunks) {
      const vector = vectors[next++] ?? [];
      const weight = chunk.length;
      for (let i = 0; i < pooled.length; i++) {
        pooled[i] = (pooled[i] ?? 0) + weight * (vector[i] ?? 0);
      }
    }
    return normalize(pooled);
  });
}
