import '../messaging/register-paths';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { PatternType } from '@agentbus/contracts';
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
  GroupMembershipCache,
  MirroredSiblings,
  PatternMirror,
  SqlGroupMembers,
  type SqlRows,
  SqlSiblings,
  SqlVectors,
  type VectorSource,
} from '@agentbus/memory';
import { openBenchStore } from './bench-store';
import { waitForQuietServers } from './settle';
import { syntheticPattern, syntheticVectors } from './bench-vectors';

// Search latency at growing collection sizes, as memory.search does it before reading the hits'
// rows: embed the query, Chroma's nearest neighbours (one query), the leading projects' siblings
// from the copy of every pattern in memory (`PatternMirror`, loaded from the Postgres rows after
// each size, as the service loads it at start: MEMORY_SIBLING_MIRROR_MAX_PATTERNS), pool, take the
// top 5. Beside it, in the same run and rotated: the siblings from Postgres as with the copy off
// (members with the vectors the service's cache lacks, in one query: `SqlSiblings`; none for the
// projects whose listing the process holds, `GroupMembershipCache`, as the service's
// MEMORY_SIBLING_MEMBERS_TTL_MS), the sibling read as two queries
// (members, then the uncached vectors: `CachedSiblings` + `SqlVectors`, memory at a4858e0), the
// same search with no cache (a process just started), and the plain
// top-5 query. Then searches
// filtered by type as a worker's are, through the same index (a type's own collection): one type
// (architecture, a quarter of the synthetic patterns), two types fanned out (architecture +
// development), and the same one type as Chroma's `where` filter on the all-types collection
// (the path before type collections). Insert throughput: precomputed vectors added in the
// server's largest batches, to the all-types collection and each pattern's type collection at
// once (`--type-collections off`: the all-types one only); Postgres rows alongside, not counted.
//   node -r @swc-node/register tools/bench/memory/main.ts [--sizes 1000,10000,100000]
//     [--embedder hybrid] [--queries 300] [--typed-queries 100] [--filtered-queries 30]
//     [--type-collections on|off] [--burst 16] [--batch 5000] [--budget-s 1200] [--cache 10000]
//     [--listing-ttl-ms 30000] [--mirror on|off]
//     [--chroma http://127.0.0.1:8000] [--postgres postgres://…]

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
// memory-service's default MEMORY_SIBLING_MEMBERS_TTL_MS (0: every search lists from Postgres).
const listingTtlMs = Number(arg('listing-ttl-ms', '30000'));
// The copy in memory (memory-service's default); off: the service search reads Postgres.
const mirrorOn = arg('mirror', 'on') !== 'off';
const typedQueries = Number(arg('typed-queries', '100'));
const filteredQueries = Number(arg('filtered-queries', '30'));
const typeCollections = arg('type-collections', 'on') !== 'off';
// Typed searches sent at once, as workers starting tasks together send them (3 bursts per path).
const burst = Number(arg('burst', '16'));
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

/** Heap and buffers in use, after a full collection when node runs with --expose-gc. */
const memoryInUse = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

/** This process's garbage collections (start, duration in ms), to see whether a slow search sat in one. */
const collections: Array<{ start: number; duration: number }> = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    collections.push({ start: entry.startTime, duration: entry.duration });
  }
}).observe({ entryTypes: ['gc'] });

/** Milliseconds of garbage collection inside [from, to]. */
const gcWithin = (from: number, to: number): number =>
  collections.reduce(
    (sum, gc) => sum + Math.max(0, Math.min(to, gc.start + gc.duration) - Math.max(from, gc.start)),
    0,
  );

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
  // memory-service's types (PatternType): a collection each, as the service opens them.
  const index = await ChromaPatternIndex.open(
    client,
    prefix,
    embedder,
    typeCollections ? PatternType.options : [],
  );
  // The same all-types collection without type collections: a typed query is a `where` filter.
  const filteredIndex = await ChromaPatternIndex.open(client, prefix, embedder);
  const store = await openBenchStore(postgresUrl, embedder.name);
  const batch = Math.min(wantedBatch, await index.maxBatchSize());
  log(
    `embedder ${embedder.name} (${embedder.dimension} d), Chroma ${chromaUrl}, collection ` +
      `${index.name}, Postgres schema ${store.schema}, batches of ${batch}, pooling ` +
      `w=${DEFAULT_GROUP_POOLING.weight} depth=${DEFAULT_GROUP_POOLING.depth}, 10 patterns per ` +
      `synthetic project, sibling vector cache ${cacheSize}, ${queries} searches per size, ` +
      `type collections ${typeCollections ? index.types.join(' ') : 'off'}`,
  );
  log(
    '| patterns | load s | inserts/s | service top-5 p50 / p99 ms | Chroma query | the same without metadatas | ' +
      'siblings from the copy | copy off: search p50 / p99 | its Postgres siblings (one query) | ' +
      'vectors by id (searches) | cache hits | two queries p50 / p99 | ' +
      'their members + vectors | no cache p50 / p99 | plain top-5 p50 / p99 | typed [architecture] ' +
      'p50 / p99 | typed [architecture, development] | filtered where [architecture] | ' +
      `slowest of ${burst} at once, typed / filtered ms | ` +
      'load average |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  const vectorOf = (i: number) =>
    vectors.subarray(i * embedder.dimension, (i + 1) * embedder.dimension);
  const cache = new SiblingVectorCache(cacheSize);
  // The two-query variant's own cache of the same size, so neither warms the other's.
  const twoQueryCache = new SiblingVectorCache(cacheSize);
  const listings = new GroupMembershipCache(listingTtlMs);
  const mirror = new PatternMirror(store.sql, GROUP_BY, Number.MAX_SAFE_INTEGER);
  // The service's reader: the copy in memory in front of `fromRecord`, its reads timed as `mirror`.
  const mirrored = (timer: PartTimer, fromRecord: SiblingReader, byId: VectorSource[]) => {
    const reader = new MirroredSiblings(mirror, embedder.name, fromRecord, byId);
    const timed: SiblingReader = {
      read: (...args) => timer.time('mirror', () => reader.read(...args)),
      groupLookup: () => reader.groupLookup(),
    };
    return timed;
  };
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
      listings.clear(); // the service's own writes forget its listings
      // Searches are timed in steady state: the rows vacuumed and checkpointed, the servers idle.
      const settledAt = performance.now();
      const settled = await store.settle();
      const quiet = await waitForQuietServers();
      log(
        `  settled ${loaded} in ${((performance.now() - settledAt) / 1000).toFixed(0)} s ` +
          `(${settled}; then Chroma + Postgres at ${(100 * quiet.lastShare).toFixed(1)} % of a core)`,
      );
      const mirrored = mirrorOn ? await loadMirror() : 'copy in memory off (--mirror off)';
      log(`  ${mirrored}`);
      const loadAverage = load();
      const m = await measureSearches();
      const hits = cache.stats.hits - m.hitsBefore;
      const misses = cache.stats.misses - m.missesBefore;
      log(
        `| ${loaded === size ? size : `${loaded} (of ${size}: time budget spent)`} | ` +
          `${seconds.toFixed(1)} | ${((loaded - from) / seconds).toFixed(0)} | ${ms(m.service)} | ` +
          `${ms(m.part('query'))} | ${ms(m.bare)} | ${ms(m.part('mirror'))} | ${ms(m.fromPostgres)} | ` +
          `${ms(m.part('record siblings'))} | ${ms(m.part('byId'))} ` +
          `(${m.part('byId').length}) | ${percent(hits, hits + misses)} | ${ms(m.twoQueries)} | ` +
          `${ms(m.part('members'))} + ${ms(m.part('rows'))} (${m.part('rows').length}) | ` +
          `${ms(m.cold)} | ${ms(m.plain)} | ${ms(m.typed)} | ${ms(m.fanOut)} | ${ms(m.filtered)} | ` +
          `${m.burstTyped.toFixed(0)} / ${m.burstFiltered.toFixed(0)} | ` +
          `${loadAverage} → ${load()} |`,
      );
      log(
        `  slowest 1 % of service searches at ${loaded} (${m.tail.count}), mean ms: ${m.tail.parts}`,
      );
      const listed = listings.stats.hits - m.listedBefore;
      const unlisted = listings.stats.misses - m.unlistedBefore;
      log(
        `  leading projects listed in memory (ttl ${listingTtlMs} ms, copy off and fallback): ` +
          `${percent(listed, listed + unlisted)} of ${listed + unlisted}; service searches that ` +
          `read siblings from Postgres: ${m.part('siblings').length} of ${m.service.length}`,
      );
      if (loaded < size) break;
    }
  } finally {
    await client.deleteCollection({ name: index.name });
    for (const type of index.types) {
      await client.deleteCollection({ name: index.ofType(type).name });
    }
    await store.drop();
  }

  /** Loads the copy in memory from the rows, as the service does at start; says what it cost. */
  async function loadMirror(): Promise<string> {
    const before = memoryInUse();
    const at = performance.now();
    await mirror.reload(embedder.name);
    const seconds = (performance.now() - at) / 1000;
    const mb = (bytes: number) => (bytes / 1_048_576).toFixed(0);
    return (
      `copy in memory: ${mirror.size} patterns loaded in ${seconds.toFixed(1)} s, ` +
      `${mb(mirror.vectorBytes)} MB of int8 vectors, heap + buffers ${mb(memoryInUse() - before)} MB more`
    );
  }

  async function measureSearches() {
    const hitsBefore = cache.stats.hits;
    const missesBefore = cache.stats.misses;
    const listedBefore = listings.stats.hits;
    const unlistedBefore = listings.stats.misses;
    const service: number[] = [];
    // Each service search's total and parts, to say where the slowest ones spent their time.
    const serviceParts: Array<{ took: number; parts: Map<string, number> }> = [];
    const twoQueries: number[] = [];
    const fromPostgres: number[] = [];
    const cold: number[] = [];
    const plain: number[] = [];
    const bare: number[] = [];
    const parts = new Map<string, number[]>();
    const keep = (timer: PartTimer) => {
      for (const [part, spent] of timer.parts) {
        parts.set(part, [...(parts.get(part) ?? []), spent]);
      }
    };
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
      const search = async (timer: PartTimer, siblings: SiblingReader) => {
        const t1 = performance.now();
        const candidates = await pooledCandidates(
          timedIndex(timer, index),
          vector,
          { k: 5, pooling: DEFAULT_GROUP_POOLING, groupBy: GROUP_BY },
          siblings,
        );
        const pooledAt = performance.now();
        poolByGroup(candidates, DEFAULT_GROUP_POOLING)
          .sort((a, b) => b.pooled - a.pooled)
          .slice(0, 5);
        timer.parts.set('embed', embedMs);
        timer.parts.set('pool', performance.now() - pooledAt);
        return embedMs + performance.now() - t1;
      };
      // Rotated, so no variant always runs first (or last) on a warm Chroma.
      const variants: Array<() => Promise<void>> = [
        async () => {
          const timer = new PartTimer();
          const byId = timedSources(timer, 'byId', [rows, index]);
          const sql = timedSql(timer, 'siblings', store.sql);
          const fromRecord = new SqlSiblings(sql, embedder.name, GROUP_BY, cache, byId, listings);
          const siblings = mirrorOn ? mirrored(timer, fromRecord, byId) : fromRecord;
          const took = await search(timer, siblings);
          if (q < warmUp) return;
          service.push(took);
          const end = performance.now();
          timer.parts.set('of which GC', gcWithin(end - took, end));
          serviceParts.push({ took, parts: new Map(timer.parts) });
          keep(timer);
        },
        async () => {
          // The copy off: siblings from Postgres, as before it (and when the record outgrows it).
          const timer = new PartTimer();
          const byId = timedSources(timer, 'byId', [rows, index]);
          const sql = timedSql(timer, 'record siblings', store.sql);
          const took = await search(
            timer,
            new SqlSiblings(sql, embedder.name, GROUP_BY, cache, byId, listings),
          );
          if (q < warmUp) return;
          fromPostgres.push(took);
          keep(timer);
        },
        async () => {
          const timer = new PartTimer();
          const timedMembers: GroupMembers = {
            membersOf: (...args) => timer.time('members', () => members.membersOf(...args)),
          };
          const sources = [
            ...timedSources(timer, 'rows', [rows]),
            ...timedSources(timer, 'byId', [index]),
          ];
          const took = await search(
            timer,
            new CachedSiblings(timedMembers, twoQueryCache, sources),
          );
          if (q < warmUp) return;
          twoQueries.push(took);
          for (const part of ['members', 'rows']) {
            const spent = timer.parts.get(part);
            if (spent !== undefined) parts.set(part, [...(parts.get(part) ?? []), spent]);
          }
        },
        async () => {
          const none = new SqlSiblings(
            store.sql,
            embedder.name,
            GROUP_BY,
            new SiblingVectorCache(0),
            [rows, index],
          );
          const took = await search(new PartTimer(), none);
          if (q >= warmUp) cold.push(took);
        },
        async () => {
          const t1 = performance.now();
          await index.query(vector, { k: 5 });
          if (q >= warmUp) plain.push(embedMs + performance.now() - t1);
        },
        async () => {
          // The search's Chroma query without its metadata (the project of each hit).
          const t1 = performance.now();
          await index.query(vector, { k: 15 });
          if (q >= warmUp) bare.push(performance.now() - t1);
        },
      ];
      for (let v = 0; v < variants.length; v++) {
        await variants[(q + v) % variants.length]?.();
      }
    }
    // A worker's search names its stage's types: the service's path (the same index and reader).
    const typedSearch = async (
      via: Pick<ChromaPatternIndex, 'query'>,
      types: string[],
      n: number,
    ): Promise<number[]> => {
      const times: number[] = [];
      for (let q = 0; q < n; q++) {
        const query = SHIPPED_LABELED_SET.queries[q % SHIPPED_LABELED_SET.queries.length];
        const t0 = performance.now();
        const [vector = []] = await embedder.embed([
          `${query?.text ?? ''} ${types.join(' ')} ${q}`,
        ]);
        const byId = [rows, index];
        const fromRecord = new SqlSiblings(
          store.sql,
          embedder.name,
          GROUP_BY,
          cache,
          byId,
          listings,
        );
        const candidates = await pooledCandidates(
          via,
          vector,
          { k: 5, types, pooling: DEFAULT_GROUP_POOLING, groupBy: GROUP_BY },
          mirrorOn ? new MirroredSiblings(mirror, embedder.name, fromRecord, byId) : fromRecord,
        );
        poolByGroup(candidates, DEFAULT_GROUP_POOLING).sort((a, b) => b.pooled - a.pooled);
        times.push(performance.now() - t0);
      }
      return times;
    };
    const typed = await typedSearch(index, ['architecture'], typedQueries);
    const fanOut = await typedSearch(index, ['architecture', 'development'], typedQueries);
    const filtered = await typedSearch(filteredIndex, ['architecture'], filteredQueries);
    // The slowest of `burst` typed searches sent at once (a worker waits WORKER_MEMORY_TIMEOUT_MS,
    // 2 000 by default), worst of three bursts: through the type collection, and filtered.
    const slowestOfBursts = async (via: Pick<ChromaPatternIndex, 'query'>) => {
      let worst = 0;
      for (let b = 0; b < 3; b++) {
        const times = await Promise.all(
          Array.from({ length: burst }, () => typedSearch(via, ['architecture'], 1)),
        );
        worst = Math.max(worst, ...times.flat());
      }
      return worst;
    };
    const burstTyped = await slowestOfBursts(index);
    const burstFiltered = await slowestOfBursts(filteredIndex);
    for (const list of [
      service,
      fromPostgres,
      twoQueries,
      cold,
      plain,
      bare,
      typed,
      fanOut,
      filtered,
      ...parts.values(),
    ]) {
      list.sort((a, b) => a - b);
    }
    return {
      bare,
      service,
      fromPostgres,
      tail: slowestParts(serviceParts),
      twoQueries,
      cold,
      plain,
      typed,
      fanOut,
      filtered,
      burstTyped,
      burstFiltered,
      hitsBefore,
      listedBefore,
      unlistedBefore,
      missesBefore,
      part: (name: string) => parts.get(name) ?? [],
    };
  }
}
/** Where the slowest 1 % of searches (at least one) spent their time: each part's mean, and the rest. */
function slowestParts(
  searches: ReadonlyArray<{ took: number; parts: ReadonlyMap<string, number> }>,
) {
  const slowest = [...searches]
    .sort((a, b) => b.took - a.took)
    .slice(0, Math.max(1, Math.ceil(searches.length / 100)));
  const sums = new Map<string, number>();
  let total = 0;
  for (const search of slowest) {
    total += search.took;
    for (const [part, spent] of search.parts) sums.set(part, (sums.get(part) ?? 0) + spent);
  }
  const mean = (sum: number) => (sum / Math.max(1, slowest.length)).toFixed(1);
  const named = [...sums]
    .filter(([part]) => part !== 'of which GC')
    .reduce((sum, [, spent]) => sum + spent, 0);
  const parts = [...sums].map(([part, sum]) => `${part} ${mean(sum)}`);
  return {
    count: slowest.length,
    parts: `total ${mean(total)} = ${parts.join(', ')}, other ${mean(total - named)}`,
  };
}

/** The index's nearest-neighbour query, timed as `query`. */
function timedIndex(
  timer: PartTimer,
  index: Pick<ChromaPatternIndex, 'query'>,
): Pick<ChromaPatternIndex, 'query'> {
  return {
    query: (vector: readonly number[], query: IndexQuery) =>
      timer.time('query', () => index.query(vector, query)),
  };
}

/** Vector sources, each read timed as `part`. */
function timedSources(
  timer: PartTimer,
  part: string,
  sources: readonly VectorSource[],
): VectorSource[] {
  return sources.map((source) => ({
    vectorsOf: (ids) => timer.time(part, () => source.vectorsOf(ids)),
  }));
}

/** SQL whose statements are timed as `part`. */
function timedSql(timer: PartTimer, part: string, sql: SqlRows): SqlRows {
  return { query: (text, params) => timer.time(part, () => sql.query(text, params)) };
}

main().catch((error: unknown) => {
  process.stderr.write(`memory bench failed: ${String(error)}\n`);
  process.exitCode = 1;
});
