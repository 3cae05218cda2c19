import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packWordVectors } from './word-vectors';
import { readWordVectorsCache, writeWordVectorsCache } from './word-vectors-cache';

describe(writeWordVectorsCache.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'wv-cache-'));

  it('reads back the same table', () => {
    const table = packWordVectors('t', 3, [
      ['the', [1, 0, 0]],
      ['api', [0, 3, 4]],
    ]);
    const file = join(dir, 'ok.bin');
    writeWordVectorsCache(file, table);
    const read = readWordVectorsCache(file);
    expect(read?.name).toBe('t');
    expect([...(read?.ranks ?? [])]).toEqual([
      ['the', 0],
      ['api', 1],
    ]);
    expect([...(read?.vectors ?? [])]).toEqual([...table.vectors]);
  });

  it('ignores a missing or truncated file', () => {
    expect(readWordVectorsCache(join(dir, 'absent.bin'))).toBeUndefined();
    const file = join(dir, 'broken.bin');
    writeFileSync(file, Buffer.from([1, 2, 3]));
    expect(readWordVectorsCache(file)).toBeUndefined();
  });
});
