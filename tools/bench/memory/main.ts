import '../messaging/register-paths';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  ChromaPatternIndex,
  chromaClientFor,
  createEmbedder,
  DEFAULT_GROUP_POOLING,
  EMBEDDER_KINDS,
  type EmbedderKind,
  poolByGroup,
  pooledCandidates,
  SHIPPED_LABELED_SET,
} from '@agentbus/memory';
import { syntheticPattern, syntheticVectors } from './bench-vectors';

// Search latency at growing collection sizes, as memory.search does it before reading Postgres:
// embed the query, Chroma's nearest neighbours plus the leading projects' siblings
// (pooledCandidates, two requests), pool, take the top 5; beside it the plain top-5 query (one
// request). Insert throughput: precomputed vectors added in the server's largest batches.
//   node -r @swc-node/register tools/bench/memory/main.ts [--sizes 1000,10000,100000]
//     [--embedder hybrid] [--queries 300] [--batch 5000] [--budget-s 1200]
//     [--chroma http://127.0.0.1:8000]

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? (process.argv[at + 1] ?? fallback) : fallback;
};
const sizes = arg('sizes', '1000,10000,100000').split(',').map(Number);
const kind = arg('embedder', 'hybrid') as EmbedderKind;
const queries = Number(arg('queries', '300'));
const wantedBatch = Number(arg('batch', '5000'));
// Loading stops here (the sizes not reached are measured at what was loaded, and say so).
const budgetMs = Number(arg('budget-s', '1200')) * 1000;
const chromaUrl = arg('chroma', process.env['CHROMA_URL'] ?? 'http://127.0.0.1:8000');
if (!EMBEDDER_KINDS.includes(kind)) {
  throw new Error(`--embedder must be one of ${EMBEDDER_KINDS.join(', ')}`);
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const ms = (sorted: number[]) =>
  `${percentile(sorted, 50).toFixed(2)} / ${percentile(sorted, 99).toFixed(2)}`;
const load = () => loadavg()[0]?.toFixed(1) ?? '?';

async function main(): Promise<void> {
  const embedder = await createEmbedder({ kind });
  const largest = Math.max(...sizes);
  const started = performance.now();
  const vectors = await syntheticVectors(embedder, largest, (done) =>
    process.stderr.write(`  embedded ${done}/${largest}\r`),
  );
  log(
    `${largest} vectors ready in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
      `(computed once, then read from the temp folder's cache); load average ${load()}`,
  );
  const prefix = `bench-${randomBytes(4).toString('hex')}-`;
  const client = chromaClientFor(chromaUrl);
  const index = await ChromaPatternIndex.open(client, prefix, embedder);
  const batch = Math.min(wantedBatch, await index.maxBatchSize());
  log(
    `embedder ${embedder.name} (${embedder.dimension} d), Chroma ${chromaUrl}, collection ` +
      `${index.name}, batches of ${batch}, pooling w=${DEFAULT_GROUP_POOLING.weight} ` +
      `depth=${DEFAULT_GROUP_POOLING.depth}, 10 patterns per synthetic project`,
  );
  log(
    '| patterns | load s | inserts/s | top-5 p50 / p99 ms | of which Chroma p50 / p99 ms | ' +
      'plain top-5 p50 / p99 ms | load average |\n|---|---|---|---|---|---|---|',
  );
  const vectorOf = (i: number) =>
    vectors.subarray(i * embedder.dimension, (i + 1) * embedder.dimension);
  let loaded = 0;
  const benchStarted = performance.now();
  try {
    for (const size of sizes) {
      const loadStarted = performance.now();
      const from = loaded;
      while (loaded < size && performance.now() - benchStarted <= budgetMs) {
        const count = Math.min(batch, size - loaded);
        await index.insert(
          Array.from({ length: count }, (_, j) => {
            const pattern = syntheticPattern(loaded + j);
            return {
              id: pattern.id,
              type: pattern.type,
              vector: Array.from(vectorOf(loaded + j)),
              metadata: { projectId: pattern.projectId },
            };
          }),
        );
        loaded += count;
        process.stderr.write(`  loaded ${loaded}/${size}\r`);
      }
      const seconds = (performance.now() - loadStarted) / 1000;
      const loadAverage = load();
      const { pooled, inChroma, plain } = await measureSearches(index);
      log(
        `| ${loaded === size ? size : `${loaded} (of ${size}: time budget spent)`} | ` +
          `${seconds.toFixed(1)} | ${((loaded - from) / seconds).toFixed(0)} | ${ms(pooled)} | ` +
          `${ms(inChroma)} | ${ms(plain)} | ${loadAverage} → ${load()} |`,
      );
      if (loaded < size) break;
    }
  } finally {
    await client.deleteCollection({ name: index.name });
  }

  async function measureSearches(target: ChromaPatternIndex) {
    const pooled: number[] = [];
    const inChroma: number[] = [];
    const plain: number[] = [];
    const warmUp = 10;
    for (let q = 0; q < queries + warmUp; q++) {
      const query = SHIPPED_LABELED_SET.queries[q % SHIPPED_LABELED_SET.queries.length];
      // A serial makes each text new, as a cache of query vectors would otherwise answer it.
      const text = `${query?.text ?? ''} ${q}`;
      const t0 = performance.now();
      const [vector = []] = await embedder.embed([text]);
      const t1 = performance.now();
      const candidates = await pooledCandidates(target, vector, {
        k: 5,
        pooling: DEFAULT_GROUP_POOLING,
        groupBy: 'projectId',
      });
      const t2 = performance.now();
      poolByGroup(candidates, DEFAULT_GROUP_POOLING)
        .sort((a, b) => b.pooled - a.pooled)
        .slice(0, 5);
      const t3 = performance.now();
      await target.query(vector, { k: 5 });
      const t4 = performance.now();
      if (q < warmUp) continue;
      pooled.push(t3 - t0);
      inChroma.push(t2 - t1);
      plain.push(t1 - t0 + (t4 - t3));
    }
    for (const list of [pooled, inChroma, plain]) list.sort((a, b) => a - b);
    return { pooled, inChroma, plain };
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`memory bench failed: ${String(error)}\n`);
  process.exitCode = 1;
});
