import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Embedder, embedDocuments, SHIPPED_LABELED_SET } from '@agentbus/memory';

// The benchmark's synthetic memory: patterns of the labeled set recombined, ten to a synthetic
// project (a project keeps about one pattern per stage), and their vectors computed once and
// cached in the temp folder, so loading measures Chroma, not the embedder (100 000 hybrid vectors
// take 2-5 minutes to compute on this machine; reading them back, about a second).

const base = SHIPPED_LABELED_SET.patterns;
const PER_PROJECT = 10;

/** Pattern `i`: a labeled-set pattern with two others' sentences mixed in and a serial. */
export function syntheticPattern(i: number) {
  const a = base[i % base.length];
  const b = base[(i * 7 + 3) % base.length];
  const c = base[(i * 13 + 5) % base.length];
  return {
    id: `bench-${i}`,
    type: a?.type ?? 'prd',
    projectId: `bench-project-${Math.floor(i / PER_PROJECT)}`,
    text: `${a?.text ?? ''} ${b?.text.split(':')[0] ?? ''}. ${c?.text.split(',')[0] ?? ''} (variant ${i})`,
  };
}

/** Vectors of patterns 0..count-1, row-major in one array; from the cache when it has them. */
export async function syntheticVectors(
  embedder: Embedder,
  count: number,
  progress: (done: number) => void,
): Promise<Float32Array> {
  // The key covers what changes the vectors: the embedder, the count and this file's recipe.
  const recipe = createHash('sha256')
    .update(`${embedder.name}|${count}|${syntheticPattern.toString()}`)
    .digest('hex')
    .slice(0, 12);
  const file = join(tmpdir(), `agentbus-bench-memory-${recipe}.f32`);
  const bytes = count * embedder.dimension * 4;
  if (existsSync(file)) {
    const data = readFileSync(file);
    if (data.length === bytes) {
      return new Float32Array(data.buffer, data.byteOffset, data.length / 4).slice();
    }
  }
  const vectors = new Float32Array(count * embedder.dimension);
  const step = 1_000;
  for (let from = 0; from < count; from += step) {
    const texts = Array.from(
      { length: Math.min(step, count - from) },
      (_, j) => syntheticPattern(from + j).text,
    );
    const embedded = await embedDocuments(embedder, texts);
    embedded.forEach((vector, j) => vectors.set(vector, (from + j) * embedder.dimension));
    progress(from + texts.length);
  }
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, Buffer.from(vectors.buffer, vectors.byteOffset, vectors.byteLength));
  renameSync(partial, file);
  return vectors;
}
