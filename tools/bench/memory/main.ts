import '../messaging/register-paths';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  CachedSiblings,
  ChromaPatternIndex,
  chromaClientFor,
  createEmbedder,
  DEFAULT_GROUP_POOLING,
  EMBEDDER_KINDS,
  type EmbedderKind,
  type GroupMembers,
  type IndexQuery,
  poolByGroup,
  pooledCandidates,
  SHIPPED_LABELED_SET,
  type SiblingReader,
  SiblingVectorCache,
  SqlGroupMembers,
  SqlVectors,
  type VectorSource,
} from '@agentbus/memory';
import { openBenchStore } from './bench-store';
import { syntheticPattern, syntheticVectors } from './bench-vectors';
import { WhereSiblings } from './where-siblings';

// Search latency at growing collection sizes, as memory.search does it before reading the hits'
// rows: embed the query, Chroma's nearest neighbours (one query), the leading projects' siblings
// (membership from Postgres, vectors from the service's cache or, not cached, from Postgres's
// rows, else Chroma by id),
// pool, take the top 5. Beside it, in the same run: the same search with no cache (a process just
// started), the sibling read before this cache (a Chroma get where the project is one of the
// leading ones), the plain top-5 query, and apart, a search filtered by type as a worker's is
// (types [architecture], a quarter of the synthetic patterns). Insert throughput: precomputed
// vectors added in the server's largest batches (Postgres rows alongside, not counted).
//   node -r @swc-node/register tools/bench/memory/main.ts [--sizes 1000,10000,100000]
//     [--embedder hybrid] [--queries 300] [--typed-queries 30] [--batch 5000] [--budget-s 1200]
//     [--cache 10000] [--chroma http://127.0.0.1:8000] [--postgres postgres://…]

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? (process.argv[at + 1] ?? fallback) : fallback;
};
const sizes = arg('sizes', '1000,10000,100000').split(',').map(Number);
const kind = arg('embedder', 'hybrid') as EmbedderKind;
const queries = Number(arg('queries', '300'));
const wantedBatch = Number(arg('batch', '5000'));
// memory-service's default MEMORY_SIBLING_VECTOR_CACHE.
const cacheSize = Number(arg('cache', '10000'));
const typedQueries = Number(arg('typed-queries', '30'));
// Loading stops here (the sizes not reached are measured at what was loaded, and say so).
const budgetMs = Number(arg('budget-s', '1200')) * 1000;
const chromaUrl = arg('chroma', process.env['CHROMA_URL'] ?? 'http://127.0.0.1:8000');
const postgresUrl = arg(
  'postgres',
  process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
);
if (!EMBEDDER_KINDS.includes(kind)) {
  throw new Error(`--embedder must be one of ${EMBEDDER_KINDS.join(', ')}`);
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const ms = (sorted: number[]) =>
  `${percentile(sorted, 50).toFixed(1)} / ${percentile(sorted, 99).toFixed(1)}`;
const load = () => loadavg()[0]?.toFixed(1) ?? '?';
const percent = (part: number, whole: number) =>
  `${((100 * part) / Math.max(1, whole)).toFixed(0)} %`;
const GROUP_BY = 'projectId';

/** Milliseconds spent in each part of one search, summed over its calls. */
class PartTimer {
  readonly parts = new Map<string, number>();
  async time<T>(part: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.parts.set(part, (this.parts.get(part) ?? 0) + performance.now() - started);
    }
  }
}

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
  const collection = await client.getCollection({
    name: index.name,
    embeddingFunction: null as never,
  });
  const store = await openBenchStore(postgresUrl, embedder.name);
  const batch = Math.min(wantedBatch, await index.maxBatchSize());
  log(
    `embedder ${embedder.name} (${embedder.dimension} d), Chroma ${chromaUrl}, collection ` +
      `${index.name}, Postgres schema ${store.schema}, batches of ${batch}, pooling ` +
      `w=${DEFAULT_GROUP_POOLING.weight} depth=${DEFAULT_GROUP_POOLING.depth}, 10 patterns per ` +
      `synthetic project, sibling vector cache ${cacheSize}, ${queries} searches per size`,
  );
  log(
    '| patterns | load s | inserts/s | service top-5 p50 / p99 ms | Chroma query | Postgres ' +
      'members | Postgres vectors (misses) | Chroma vectors by id | cache hits | no cache p50 / p99 | before: ' +
      'get where p50 / p99 | plain top-5 p50 / p99 | typed: types [architecture] p50 / p99 | ' +
      'load average |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  const vectorOf = (i: number) =>
    vectors.subarray(i * embedder.dimension, (i + 1) * embedder.dimension);
  const cache = new SiblingVectorCache(cacheSize);
  let loaded = 0;
  const benchStarted = performance.now();
  try {
    for (const size of sizes) {
      const loadStarted = performance.now();
      let rowsMs = 0;
      const from = loaded;
      while (loaded < size && performance.now() - benchStarted <= budgetMs) {
        const count = Math.min(batch, size - loaded);
        const patterns = Array.from({ length: count }, (_, j) => syntheticPattern(loaded + j));
        await index.insert(
          patterns.map((pattern, j) => ({
            id: pattern.id,
            type: pattern.type,
            vector: Array.from(vectorOf(loaded + j)),
            metadata: { projectId: pattern.projectId },
          })),
        );
        const insertedAt = performance.now();
        await store.insert(
          patterns.map((pattern, j) => ({ ...pattern, vector: vectorOf(loaded + j) })),
        );
        // Chroma's inserts/s: the Postgres rows are the benchmark's set-up, not the service's.
        rowsMs += performance.now() - insertedAt;
        loaded += count;
        process.stderr.write(`  loaded ${loaded}/${size}\r`);
      }
      const seconds = (performance.now() - loadStarted - rowsMs) / 1000;
      const loadAverage = load();
      const m = await measureSearches();
      const hits = cache.stats.hits - m.hitsBefore;
      const misses = cache.stats.misses - m.missesBefore;
      log(
        `| ${loaded === size ? size : `${loaded} (of ${size}: time budget spent)`} | ` +
          `${seconds.toFixed(1)} | ${((loaded - from) / seconds).toFixed(0)} | ${ms(m.service)} | ` +
          `${ms(m.part('query'))} | ${ms(m.part('members'))} | ${ms(m.part('rows'))} ` +
          `(${m.part('rows').length}) | ${ms(m.part('vectors'))} (${m.part('vectors').length}) | ` +
          `${percent(hits, hits + misses)} | ` +
          `${ms(m.cold)} | ${ms(m.before)} | ${ms(m.plain)} | ${ms(m.typed)} | ` +
          `${loadAverage} → ${load()} |`,
      );
      if (loaded < size) break;
    }
  } finally {
    await client.deleteCollection({ name: index.name });
    await store.drop();
  }

  async function measureSearches() {
    const hitsBefore = cache.stats.hits;
    const missesBefore = cache.stats.misses;
    const service: number[] = [];
    const cold: number[] = [];
    const before: number[] = [];
    const plain: number[] = [];
    const parts = new Map<string, number[]>();
    const members = new SqlGroupMembers(store.sql, embedder.name, GROUP_BY);
    const rows = new SqlVectors(store.sql, embedder.name);
    const warmUp = 10;
    for (let q = 0; q < queries + warmUp; q++) {
      const query = SHIPPED_LABELED_SET.queries[q % SHIPPED_LABELED_SET.queries.length];
      // A serial makes each text new, as a cache of query vectors would otherwise answer it.
      const text = `${query?.text ?? ''} ${q}`;
      const t0 = performance.now();
      const [vector = []] = await embedder.embed([text]);
      const embedMs = performance.now() - t0;
      const timer = new PartTimer();
      const timed = timedParts(timer, members, rows, index);
      const search = async (siblings: SiblingReader) => {
        const t1 = performance.now();
        const candidates = await pooledCandidates(
          timed.index,
          vector,
          { k: 5, pooling: DEFAULT_GROUP_POOLING, groupBy: GROUP_BY },
          siblings,
        );
        poolByGroup(candidates, DEFAULT_GROUP_POOLING)
          .sort((a, b) => b.pooled - a.pooled)
          .slice(0, 5);
        return embedMs + performance.now() - t1;
      };
      // Rotated, so no variant always runs first (or last) on a warm Chroma.
      const variants: Array<() => Promise<void>> = [
        async () => {
          timer.parts.clear(); // the other variants' calls are not the service's
          const took = await search(new CachedSiblings(timed.members, cache, timed.sources));
          if (q >= warmUp) {
            service.push(took);
            for (const [part, spent] of timer.parts) {
              parts.set(part, [...(parts.get(part) ?? []), spent]);
            }
          }
        },
        async () => {
          const none = new CachedSiblings(members, new SiblingVectorCache(0), [rows, index]);
          const took = await search(none);
          if (q >= warmUp) cold.push(took);
        },
        async () => {
          const took = await search(new WhereSiblings(collection, GROUP_BY));
          if (q >= warmUp) before.push(took);
        },
        async () => {
          const t1 = performance.now();
          await index.query(vector, { k: 5 });
          if (q >= warmUp) plain.push(embedMs + performance.now() - t1);
        },
      ];
      for (let v = 0; v < variants.length; v++) {
        await variants[(q + v) % variants.length]?.();
      }
    }
    // A worker's search names its stage's types: Chroma filters the nearest-neighbour query.
    const typed: number[] = [];
    for (let q = 0; q < typedQueries; q++) {
      const query = SHIPPED_LABELED_SET.queries[q % SHIPPED_LABELED_SET.queries.length];
      const t0 = performance.now();
      const [vector = []] = await embedder.embed([`${query?.text ?? ''} typed ${q}`]);
      const candidates = await pooledCandidates(
        index,
        vector,
        { k: 5, types: ['architecture'], pooling: DEFAULT_GROUP_POOLING, groupBy: GROUP_BY },
        new CachedSiblings(members, cache, [rows, index]),
      );
      poolByGroup(candidates, DEFAULT_GROUP_POOLING).sort((a, b) => b.pooled - a.pooled);
      typed.push(performance.now() - t0);
    }
    for (const list of [service, cold, before, plain, typed, ...parts.values()]) {
      list.sort((a, b) => a - b);
    }
    return {
      service,
      cold,
      before,
      plain,
      typed,
      hitsBefore,
      missesBefore,
      part: (name: string) => parts.get(name) ?? [],
    };
  }
}
/** The service path's calls, each timed into `timer` (kept for the service variant). */
function timedParts(
  timer: PartTimer,
  members: GroupMembers,
  rows: VectorSource,
  index: ChromaPatternIndex,
) {
  return {
    index: {
      query: (vector: readonly number[], query: IndexQuery) =>
        timer.time('query', () => index.query(vector, query)),
    },
    members: {
      membersOf: (...args: Parameters<GroupMembers['membersOf']>) =>
        timer.time('members', () => members.membersOf(...args)),
    } satisfies GroupMembers,
    sources: [
      { vectorsOf: (ids) => timer.time('rows', () => rows.vectorsOf(ids)) },
      { vectorsOf: (ids) => timer.time('vectors', () => index.vectorsOf(ids)) },
    ] satisfies VectorSource[],
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`memory bench failed: ${String(error)}\n`);
  process.exitCode = 1;
});
