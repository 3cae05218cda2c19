import '../messaging/register-paths';
import { performance } from 'node:perf_hooks';
import { type Collection } from 'chromadb';
import { chromaClientFor, createEmbedder, SHIPPED_LABELED_SET } from '@agentbus/memory';
import { syntheticPattern, syntheticVectors } from './bench-vectors';

// Chroma's HNSW `ef_search` against the search's latency and recall: one collection per value
// (set when it is created: a later `modify` did not reach an index already loaded here), the
// benchmark's synthetic patterns in each, then the search's Chroma query (k 15, distances and
// metadatas) rotated over the collections. Recall is against an exact cosine scan in this
// process; the synthetic texts repeat with a serial, so ids tie and a hit counts when its
// similarity reaches the exact k-th one. Collections efprobe-<N>-<ef> are kept for the next run
// (DROP=1 deletes them at the end).
//   N=10000 EF=100,40,20,10 Q=100 node -r @swc-node/register tools/bench/memory/ef-probe.ts

const N = Number(process.env['N'] ?? 10_000);
const EFS = (process.env['EF'] ?? '100,40,20,10').split(',').map(Number);
const Q = Number(process.env['Q'] ?? 100);
const K = 15;
const log = (line: string) => process.stdout.write(`${line}\n`);
const pct = (xs: readonly number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(
    1,
  );
};

async function main(): Promise<void> {
  const embedder = await createEmbedder({ kind: 'hybrid' });
  const d = embedder.dimension;
  const vectors = await syntheticVectors(embedder, N, () => undefined);
  const client = chromaClientFor(process.env['CHROMA_URL'] ?? 'http://127.0.0.1:8000');
  const collections = new Map<number, Collection>();
  for (const ef of EFS) {
    const collection = await client.getOrCreateCollection({
      name: `efprobe-${N}-${ef}`,
      embeddingFunction: null,
      configuration: { hnsw: { space: 'cosine', ef_search: ef } },
    });
    for (let from = await collection.count(); from < N; from += 5_000) {
      const n = Math.min(5_000, N - from);
      const at = Array.from({ length: n }, (_, j) => from + j);
      await collection.add({
        ids: at.map((i) => `p-${i}`),
        embeddings: at.map((i) => Array.from(vectors.subarray(i * d, (i + 1) * d))),
        metadatas: at.map((i) => ({ projectId: syntheticPattern(i).projectId })),
      });
    }
    collections.set(ef, collection);
  }

  const norms = Float32Array.from({ length: N }, (_, i) =>
    Math.hypot(...vectors.subarray(i * d, (i + 1) * d)),
  );
  /** The exact k-th best cosine similarity to `query`. */
  const exactKth = (query: readonly number[], k: number): number => {
    const norm = Math.hypot(...query);
    const sims = new Float32Array(N);
    for (let i = 0; i < N; i++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += (vectors[i * d + j] ?? 0) * (query[j] ?? 0);
      sims[i] = dot / ((norms[i] ?? 1) * norm);
    }
    return sims.sort().reverse()[k - 1] ?? 0;
  };

  const queries: { vector: number[]; kth: number }[] = [];
  for (let q = 0; q < Q; q++) {
    const text = SHIPPED_LABELED_SET.queries[q % SHIPPED_LABELED_SET.queries.length]?.text ?? '';
    const [vector = []] = await embedder.embed([`${text} ${q}`]);
    queries.push({ vector, kth: exactKth(vector, K) });
  }
  const times = new Map(EFS.map((ef) => [ef, [] as number[]]));
  const found = new Map(EFS.map((ef) => [ef, 0]));
  for (let pass = 0; pass < 2; pass++) {
    for (const [q, { vector, kth }] of queries.entries()) {
      for (let r = 0; r < EFS.length; r++) {
        const ef = EFS[(q + r) % EFS.length] ?? 100;
        const started = performance.now();
        const result = await collections.get(ef)?.query({
          queryEmbeddings: [vector],
          nResults: K,
          include: ['distances', 'metadatas'],
        });
        const took = performance.now() - started;
        // The first pass loads each index and counts recall; the second is timed.
        if (pass === 1) {
          times.get(ef)?.push(took);
          continue;
        }
        const sims = (result?.distances[0] ?? []).map((distance) => 1 - (distance ?? 1));
        found.set(ef, (found.get(ef) ?? 0) + sims.filter((s) => s >= kth - 1e-5).length / K);
      }
    }
  }
  log(`${N} patterns, ${Q} queries, k ${K}, Chroma query p50 / p99 ms and recall@${K} vs exact`);
  for (const ef of EFS) {
    const took = times.get(ef) ?? [];
    const recall = (found.get(ef) ?? 0) / Q;
    log(`  ef_search ${ef}: ${pct(took, 50)} / ${pct(took, 99)} ms, recall ${recall.toFixed(3)}`);
  }
  if (process.env['DROP'] === '1') {
    for (const ef of EFS) await client.deleteCollection({ name: `efprobe-${N}-${ef}` });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`ef probe failed: ${String(error)}\n`);
  process.exitCode = 1;
});
