import '../messaging/register-paths';
import {
  createEmbedder,
  DEFAULT_GROUP_POOLING,
  type EmbedderKind,
  type EmbedderSettings,
  evaluateEmbedder,
  SHIPPED_LABELED_SET,
} from '@agentbus/memory';

// Prints precision@5, recall@5, MRR and per-query latency of each embedder on the shipped labeled
// set, in exact cosine order and with the search's project-level pooling (DEFAULT_GROUP_POOLING),
// over every pattern and over only the candidates the search reads (pooledCandidates), on all
// queries and on the two halves: the pooling was tuned on the odd-numbered queries, so the
// even-numbered half is the held-out figure. The OpenAI-compatible embedder joins when
// MEMORY_EMBEDDINGS_URL, _MODEL and _DIMENSION are set.
async function main(): Promise<void> {
  const env = process.env;
  const kinds: EmbedderSettings[] = (['hashed', 'word-vectors', 'hybrid'] as EmbedderKind[]).map(
    (kind) => ({ kind }),
  );
  const url = env['MEMORY_EMBEDDINGS_URL'];
  const model = env['MEMORY_EMBEDDINGS_MODEL'];
  if (url && model) {
    kinds.push({
      kind: 'openai-compatible',
      openAi: {
        baseUrl: url,
        model,
        dimension: Number(env['MEMORY_EMBEDDINGS_DIMENSION'] ?? 1536),
        apiKey: env['MEMORY_EMBEDDINGS_API_KEY'],
      },
    });
  }
  const set = SHIPPED_LABELED_SET;
  process.stdout.write(
    `labeled set: ${set.patterns.length} patterns, ${set.queries.length} queries ` +
      '(loading word vectors the first time takes up to a minute)\n\n',
  );
  process.stdout.write(
    '| embedder | dim | ranking | queries | precision@5 | recall@5 | MRR | p50 ms | p99 ms |\n' +
      '|---|---|---|---|---|---|---|---|---|\n',
  );
  const halves = [
    { name: 'all', set },
    { name: 'odd (tuning)', set: { ...set, queries: set.queries.filter((_, i) => i % 2 === 1) } },
    {
      name: 'even (held out)',
      set: { ...set, queries: set.queries.filter((_, i) => i % 2 === 0) },
    },
  ];
  for (const settings of kinds) {
    const embedder = await createEmbedder(settings);
    const rankings = [
      { pooling: undefined, viaSearch: false },
      { pooling: DEFAULT_GROUP_POOLING, viaSearch: false },
      { pooling: DEFAULT_GROUP_POOLING, viaSearch: true },
    ];
    for (const { pooling, viaSearch } of rankings) {
      for (const half of halves) {
        const r = await evaluateEmbedder(embedder, half.set, 5, pooling, viaSearch);
        process.stdout.write(
          `| ${r.embedder} | ${r.dimension} | ${r.method} | ${half.name} | ` +
            `${r.precisionAtK.toFixed(3)} | ${r.recallAtK.toFixed(3)} | ${r.mrr.toFixed(3)} | ` +
            `${r.latencyP50Ms.toFixed(2)} | ${r.latencyP99Ms.toFixed(2)} |\n`,
        );
      }
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`evaluation failed: ${String(error)}\n`);
  process.exitCode = 1;
});
