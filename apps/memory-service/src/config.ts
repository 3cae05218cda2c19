import { defineConfig } from '@agentbus/config';
import { EMBEDDER_KINDS } from '@agentbus/memory';
import { serviceEnv } from '@agentbus/service-runtime';
import { z } from 'zod';

const schemaName = z.string().regex(/^[a-z_][a-z0-9_]*$/);
const days = z.coerce.number().int().min(0).max(36_500);
// A batching interval: up to a minute, 1 s by default, 0 = no batching.
const flushMs = z.coerce.number().int().min(0).max(60_000).default(1_000);
const weight = z.coerce.number().min(0).max(1);

/** memory-service's environment, parsed once before Nest starts. */
export const MemoryConfig = defineConfig({
  ...serviceEnv(3004),
  CHROMA_URL: z.string().url().default('http://127.0.0.1:8000'),
  MEMORY_EMBEDDER: z
    .enum(EMBEDDER_KINDS)
    .default('hybrid')
    .describe(
      'hybrid (default), word-vectors, hashed or openai-compatible; a change builds a new collection',
    ),
  MEMORY_HYBRID_SEMANTIC_WEIGHT: weight.default(0.5),
  MEMORY_WORD_VECTORS_CACHE_DIR: z
    .string()
    .min(1)
    .optional()
    .describe('where the packed word vectors are cached between starts (default: the temp folder)'),
  MEMORY_EMBEDDINGS_URL: z
    .string()
    .url()
    .optional()
    .describe('OpenAI-compatible base URL, e.g. http://ollama:11434/v1'),
  MEMORY_EMBEDDINGS_MODEL: z.string().min(1).optional(),
  MEMORY_EMBEDDINGS_DIMENSION: z.coerce.number().int().min(1).max(8_192).optional(),
  MEMORY_EMBEDDINGS_API_KEY: z.string().min(1).optional().describe('sensitive'),
  MEMORY_COLLECTION_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,40}$/)
    .default('agentbus-'),
  MEMORY_RANK_SIMILARITY_WEIGHT: weight.default(0.8),
  MEMORY_RANK_SUCCESS_WEIGHT: weight.default(0.2),
  MEMORY_POOL_WEIGHT: z.coerce
    .number()
    .min(0)
    .max(100)
    .default(5)
    .describe('how much a hit borrows from its source project’s best hits; 0 turns pooling off'),
  MEMORY_POOL_DEPTH: z.coerce
    .number()
    .int()
    .min(1)
    .max(10)
    .default(2)
    .describe('how many of a project’s best hits make its score'),
  MEMORY_SIBLING_VECTOR_CACHE: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(10_000)
    .describe(
      'vectors of searched projects’ patterns kept in memory (2.4 KB each at 612 d); 0: none',
    ),
  MEMORY_SIBLING_MEMBERS_TTL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .default(30_000)
    .describe(
      'how long a searched project’s list of patterns is reused without asking Postgres (this replica’s writes clear it at once, another replica’s show after at most this long); 0: asked on every search',
    ),
  MEMORY_SIBLING_MIRROR_MAX_PATTERNS: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .default(200_000)
    .describe(
      'patterns copied into memory (about 0.9 KB each at 612 d) so a search scores its projects’ siblings without asking Postgres, kept current through LISTEN/NOTIFY; past this many, searches read Postgres as with 0 (off)',
    ),
  MEMORY_RETENTION_TEMPLATE_DAYS: days.default(0).describe('0 keeps templates for ever'),
  MEMORY_RETENTION_APPROVED_DAYS: days.default(90).describe('patterns from accepted artifacts'),
  MEMORY_RETENTION_OTHER_DAYS: days.default(30),
  MEMORY_RETENTION_INTERVAL_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  MEMORY_REINDEX_INTERVAL_MS: z.coerce.number().int().min(100).default(10_000),
  MEMORY_USAGE_FLUSH_MS: flushMs.describe(
    'search hits are counted as uses in memory and written once per interval (a crash loses at most that interval of counts); 0 writes each search at once',
  ),
  MEMORY_TYPE_WRITE_FLUSH_MS: flushMs.describe(
    'new vectors reach the per-type Chroma collections in one batch per interval (searches in this process see them at once, other replicas after the flush; a crash leaves them to the reindexer); 0 writes them at once',
  ),
  ORCHESTRATOR_SCHEMA: schemaName.default('orchestrator').describe('stages_v1 is read from here'),
  WORKER_SCHEMA: schemaName.default('cpu_worker').describe('artifacts_v1 is read from here'),
});
export type MemoryConfig = ReturnType<typeof MemoryConfig.load>;
