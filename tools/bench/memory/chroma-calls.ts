import '../messaging/register-paths';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import {
  ChromaPatternIndex,
  chromaClientFor,
  createEmbedder,
  SHIPPED_LABELED_SET,
} from '@agentbus/memory';
import { syntheticPattern, syntheticVectors } from './bench-vectors';

// Where a pooled search's time goes in Chroma: each kind of request the search could make, timed
// alone over Chroma's REST API (Q times), with its response size, on N of the benchmark's synthetic
// patterns (collection probe<N>-…, kept for the next run; DROP=1 deletes it at the end).
//   N=100000 Q=200 [DROP=1] node -r @swc-node/register tools/bench/memory/chroma-calls.ts

const N = Number(process.env['N'] ?? 100_000);
const Q = Number(process.env['Q'] ?? 200);
const base =
  'http://127.0.0.1:8000/api/v2/tenants/default_tenant/databases/default_database/collections';
const log = (s: string) => process.stdout.write(`${s}\n`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function main() {
  const embedder = await createEmbedder({ kind: 'hybrid' });
  const vectors = await syntheticVectors(embedder, 100_000, () => undefined);
  const client = chromaClientFor('http://127.0.0.1:8000');
  const index = await ChromaPatternIndex.open(client, `probe${N}-`, embedder);
  const have = await index.count();
  const d = embedder.dimension;
  for (let at = have; at < N; at += 5000) {
    const n = Math.min(5000, N - at);
    await index.insert(
      Array.from({ length: n }, (_, j) => {
        const p = syntheticPattern(at + j);
        return {
          id: p.id,
          type: p.type,
          vector: Array.from(vectors.subarray((at + j) * d, (at + j + 1) * d)),
          metadata: { projectId: p.projectId },
        };
      }),
    );
    process.stderr.write(`loaded ${at + n}\r`);
  }
  const col = await client.getCollection({ name: index.name, embeddingFunction: null as never });
  const url = `${base}/${col.id}`;
  const post = async (path: string, body: unknown) => {
    const t0 = performance.now();
    const res = await fetch(`${url}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    const t1 = performance.now();
    if (!res.ok) throw new Error(text);
    return { ms: t1 - t0, bytes: text.length, json: JSON.parse(text) as Record<string, unknown> };
  };
  const qvecs: number[][] = [];
  for (let q = 0; q < Q; q++) {
    const query = SHIPPED_LABELED_SET.queries[q % SHIPPED_LABELED_SET.queries.length];
    const [v = []] = await embedder.embed([`${query?.text ?? ''} ${q}`]);
    qvecs.push(v);
  }
  const variant = async (
    name: string,
    make: (v: number[], q: number) => Promise<{ ms: number; bytes: number }>,
  ) => {
    const times: number[] = [];
    let bytes = 0;
    for (let q = 0; q < Q + 10; q++) {
      const r = await make(qvecs[q % Q] ?? [], q);
      if (q >= 10) {
        times.push(r.ms);
        bytes += r.bytes;
      }
    }
    log(
      `| ${name} | ${pct(times, 50).toFixed(2)} / ${pct(times, 99).toFixed(2)} | ${(bytes / Q / 1024).toFixed(1)} KB | ${loadavg()[0]?.toFixed(2)} |`,
    );
  };
  log(
    `N=${N} (count ${await index.count()}), Q=${Q}, load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  log('| variant | p50 / p99 ms | response | load |\n|---|---|---|---|');
  const query = (k: number, include: string[], where?: unknown) => (v: number[]) =>
    post('query', { query_embeddings: [v], n_results: k, include, ...(where ? { where } : {}) });
  await variant('query k5 distances', query(5, ['distances']));
  await variant('query k15 distances', query(15, ['distances']));
  await variant('query k15 distances+metadatas', query(15, ['distances', 'metadatas']));
  await variant('query k30 distances+metadatas', query(30, ['distances', 'metadatas']));
  await variant('query k100 distances+metadatas', query(100, ['distances', 'metadatas']));
  await variant('query k300 distances+metadatas', query(300, ['distances', 'metadatas']));
  await variant('query k15 distances where type=prd', query(15, ['distances'], { type: 'prd' }));
  // Sibling reads: groups of the top hits.
  const groupsOf = async (v: number[]) => {
    const r = await post('query', { query_embeddings: [v], n_results: 15, include: ['metadatas'] });
    const metas = (r.json['metadatas'] as Array<Array<{ projectId: string }>>)[0] ?? [];
    return [...new Set(metas.map((m) => m.projectId))].slice(0, 5);
  };
  const groups: string[][] = [];
  for (const v of qvecs) groups.push(await groupsOf(v));
  const idsOfGroups = (gs: string[]) =>
    gs.flatMap((g) => {
      const p = Number(g.split('-').pop());
      return Array.from({ length: 10 }, (_, j) => `bench-${p * 10 + j}`);
    });
  await variant('get where $in 5 groups, embeddings+metadatas', (_v, q) =>
    post('get', {
      where: { projectId: { $in: groups[q % Q] } },
      limit: 200,
      include: ['embeddings', 'metadatas'],
    }),
  );
  await variant('get where $in 5 groups, metadatas', (_v, q) =>
    post('get', {
      where: { projectId: { $in: groups[q % Q] } },
      limit: 200,
      include: ['metadatas'],
    }),
  );
  await variant('get where $in 5 groups, none', (_v, q) =>
    post('get', { where: { projectId: { $in: groups[q % Q] } }, limit: 200, include: [] }),
  );
  await variant('get 50 ids, embeddings', (_v, q) =>
    post('get', { ids: idsOfGroups(groups[q % Q] ?? []), include: ['embeddings'] }),
  );
  await variant('get 50 ids, embeddings+metadatas', (_v, q) =>
    post('get', { ids: idsOfGroups(groups[q % Q] ?? []), include: ['embeddings', 'metadatas'] }),
  );
  await variant('get 50 ids, none', (_v, q) =>
    post('get', { ids: idsOfGroups(groups[q % Q] ?? []), include: [] }),
  );
  await variant('query where $in 5 groups k200 distances+metadatas', (v, q) =>
    post('query', {
      query_embeddings: [v],
      n_results: 200,
      where: { projectId: { $in: groups[q % Q] } },
      include: ['distances', 'metadatas'],
    }),
  );
  if (process.env['DROP']) await client.deleteCollection({ name: index.name });
}
main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exitCode = 1;
});
