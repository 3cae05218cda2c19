import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type WordVectors } from './word-vectors';

// Layout: u32 header length, JSON header {name, dimension, count}, words joined by '\n' (u32 length
// first), then count × dimension float32 little-endian.

/** Writes a packed table to `file` (atomically: a crash leaves no half file). */
export function writeWordVectorsCache(file: string, table: WordVectors): void {
  const header = Buffer.from(
    JSON.stringify({ name: table.name, dimension: table.dimension, count: table.ranks.size }),
  );
  const words = Buffer.from([...table.ranks.keys()].join('\n'));
  const lengths = Buffer.alloc(8);
  lengths.writeUInt32LE(header.length, 0);
  lengths.writeUInt32LE(words.length, 4);
  const vectors = Buffer.from(
    table.vectors.buffer,
    table.vectors.byteOffset,
    table.vectors.byteLength,
  );
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, Buffer.concat([lengths, header, words, vectors]));
  renameSync(partial, file);
}

/** Reads a table written by {@link writeWordVectorsCache}; undefined when absent or unreadable. */
export function readWordVectorsCache(file: string): WordVectors | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const data = readFileSync(file);
    const headerLength = data.readUInt32LE(0);
    const wordsLength = data.readUInt32LE(4);
    const header = JSON.parse(data.subarray(8, 8 + headerLength).toString()) as {
      name: string;
      dimension: number;
      count: number;
    };
    const wordsStart = 8 + headerLength;
    const words = data
      .subarray(wordsStart, wordsStart + wordsLength)
      .toString()
      .split('\n');
    const vectorStart = wordsStart + wordsLength;
    const floats = header.count * header.dimension;
    if (words.length !== header.count || data.length !== vectorStart + floats * 4) return undefined;
    // Copied into an aligned array: the buffer's offset need not be a multiple of 4.
    const vectors = new Float32Array(floats);
    Buffer.from(vectors.buffer).set(data.subarray(vectorStart));
    return {
      name: header.name,
      dimension: header.dimension,
      ranks: new Map(words.map((word, rank) => [word, rank])),
      vectors,
    };
  } catch {
    return undefined;
  }
}
