import '../messaging/register-paths';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  ChromaPatternIndex,
  chromaClientFor,
  createEmbedder,
  EMBEDDER_KINDS,
  type EmbedderKind,
  embedDocuments,
  SHIPPED_LABELED_SET,
} from '@agentbus/memory';

// Search latency (embed the query + Chroma top-5, what memory.search does before reading Postgres)
// at growing collection sizes, and insert throughput (embed + upsert in batches).
//   node -r @swc-node/register tools/bench/memory/main.ts [--sizes 1000,10000,100000]
//     [--embedder hybrid] [--queries 200] [--budget-s 1200] [--chroma http://127.0.0.1:8000]

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? (process.argv[at + 1] ?? fallback) : fallback;
};
const sizes = arg('sizes', '1000,10000,100000').split(',').map(Number);
const kind = arg('embedder', 'hybrid') as EmbedderKind;
const queries = Number(arg('queries', '200'));
// Loading stops here (the sizes not reached are measured at what was loaded, and say so).
const budgetMs = Number(arg('budget-s', '1200')) * 1000;
const chromaUrl = arg('chroma', process.env['CHROMA_URL'] ?? 'http://127.0.0.1:8000');
if (!EMBEDDER_KINDS.includes(kind)) {
  throw new Error(`--embedder must be one of ${EMBEDDER_KINDS.join(', ')}`);
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

// Synthetic patterns: a labeled-set pattern with two others' sentences mixed in and a serial, so
// texts differ but read like the product's (the vocabulary a real memory would hold).
const base = SHIPPED_LABELED_SET.patterns;
const synthetic = (i: number) => {
  const a = base[i % base.length];
  const b = base[(i * 7 + 3) % base.length];
  const c = base[(i * 13 + 5) % base.length];
  return {
    id: `bench-${i}`,
    type: a?.type ?? 'prd',
    text: `${a?.text ?? ''} ${b?.text.split(':')[0] ?? ''}. ${c?.text.split(',')[0] ?? ''} (variant ${i})`,
  };
};

async function main(): Promise<void> {
  const embedder = await createEmbedder({ kind });
  const prefix = `bench-${randomBytes(4).toString('hex')}-`;
  const client = chromaClientFor(chromaUrl);
  const index = await ChromaPatternIndex.open(client, prefix, embedder);
  log(
    `embedder ${embedder.name} (${embedder.dimension} d), Chroma ${chromaUrl}, collection ${index.name}`,
  );
  log(
    '| patterns | load s | inserts/s | search p50 ms | search p99 ms | of which Chroma p50 / p99 ms |\n' +
      '|---|---|---|---|---|---|',
  );
  let loaded = 0;
  const benchStarted = performance.now();
  try {
    for (const size of sizes) {
      const started = performance.now();
      const from = loaded;
      const batch = 500;
      for (; loaded < size; loaded += batch) {
        if (performance.now() - benchStarted > budgetMs) break;
        const items = Array.from({ length: Math.min(batch, size - loaded) }, (_, j) =>
          synthetic(loaded + j),
        );
        const vectors = await embedDocuments(
          embedder,
          items.map((item) => item.text),
        );
        await index.upsert(
          items.map((item, j) => ({ id: item.id, type: item.type, vector: vectors[j] ?? [] })),
        );
        if ((loaded / batch) % 20 === 0) process.stderr.write(`  loaded ${loaded}/${size}\r`);
      }
      loaded = Math.min(loaded, size);
      const seconds = (performance.now() - started) / 1000;
      const inserted = loaded - from;
      const latencies: number[] = [];
      const inChroma: number[] = [];
      for (let q = 0; q < queries; q++) {
        const query = SHIPPED_LABELED_SET.queries[q % SHIPPED_LABELED_SET.queries.length];
        const t = performance.now();
        const [vector = []] = await embedder.embed([`${query?.text ?? ''} ${q}`]);
        const embedded = performance.now();
        await index.query(vector, { k: 5 });
        latencies.push(performance.now() - t);
        inChroma.push(performance.now() - embedded);
      }
      latencies.sort((a, b) => a - b);
      inChroma.sort((a, b) => a - b);
      const total = ((performance.now() - benchStarted) / 1000).toFixed(0);
      process.stderr.write(`  ${loaded} patterns after ${total} s\n`);
      log(
        `| ${loaded === size ? size : `${loaded} (of ${size}: time budget spent)`} | ${seconds.toFixed(1)} | ${(inserted / seconds).toFixed(0)} | ` +
          `${percentile(latencies, 50).toFixed(2)} | ${percentile(latencies, 99).toFixed(2)} | ` +
          `${percentile(inChroma, 50).toFixed(2)} / ${percentile(inChroma, 99).toFixed(2)} |`,
      );
      if (loaded < size) break;
    }
  } finally {
    await client.deleteCollection({ name: index.name });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`memory bench failed: ${String(error)}\n`);
  process.exitCode = 1;
});
