import { type EmbedderSettings, type GroupPooling, type RankWeights } from '@agentbus/memory';
import { type MemoryConfig } from '../config';
import { type RetentionPolicy } from '../retention/retention-policy';

/** What the memory features run with, derived once from the config. */
export interface MemorySettings {
  readonly chromaUrl: string;
  readonly collectionPrefix: string;
  readonly embedder: EmbedderSettings;
  readonly weights: RankWeights;
  /** Project-level pooling of search hits (weight 0: plain similarity order). */
  readonly pooling: GroupPooling;
  /** How many sibling vectors a search keeps in memory (`SiblingVectorCache` entries). */
  readonly siblingVectorCacheSize: number;
  /** How long a group's listed members are reused without asking Postgres; 0: never. */
  readonly siblingMembersTtlMs: number;
  /** Most patterns the in-memory copy holds (`PatternMirror`); 0: no copy, siblings from Postgres. */
  readonly siblingMirrorMaxPatterns: number;
  readonly retention: RetentionPolicy;
  readonly retentionIntervalMs: number;
  readonly reindexIntervalMs: number;
  /** How long search hits' uses are counted in memory before one write; 0: a write per search. */
  readonly usageFlushMs: number;
  /** How long new vectors wait to reach the type collections in one batch; 0: written at once. */
  readonly typeWriteFlushMs: number;
  readonly orchestratorSchema: string;
  readonly cpuWorkerSchema: string;
}

/** Injection token of the {@link MemorySettings}. */
export const MEMORY_SETTINGS = Symbol('MEMORY_SETTINGS');

/** Reads the settings from the parsed config; an incomplete OpenAI-compatible setup fails here. */
export function memorySettingsOf(config: MemoryConfig): MemorySettings {
  const embedder: EmbedderSettings = {
    kind: config.MEMORY_EMBEDDER,
    hybridSemanticWeight: config.MEMORY_HYBRID_SEMANTIC_WEIGHT,
    ...(config.MEMORY_WORD_VECTORS_CACHE_DIR
      ? { wordVectors: { cacheDir: config.MEMORY_WORD_VECTORS_CACHE_DIR } }
      : {}),
  };
  if (config.MEMORY_EMBEDDER === 'openai-compatible') {
    const { MEMORY_EMBEDDINGS_URL: baseUrl, MEMORY_EMBEDDINGS_MODEL: model } = config;
    const dimension = config.MEMORY_EMBEDDINGS_DIMENSION;
    if (!baseUrl || !model || !dimension) {
      throw new Error(
        'MEMORY_EMBEDDER=openai-compatible needs MEMORY_EMBEDDINGS_URL, MEMORY_EMBEDDINGS_MODEL ' +
          'and MEMORY_EMBEDDINGS_DIMENSION',
      );
    }
    Object.assign(embedder, {
      openAi: { baseUrl, model, dimension, apiKey: config.MEMORY_EMBEDDINGS_API_KEY },
    });
  }
  const days = (value: number) => (value === 0 ? null : value);
  return {
    chromaUrl: config.CHROMA_URL,
    collectionPrefix: config.MEMORY_COLLECTION_PREFIX,
    embedder,
    weights: {
      similarity: config.MEMORY_RANK_SIMILARITY_WEIGHT,
      success: config.MEMORY_RANK_SUCCESS_WEIGHT,
    },
    pooling: { weight: config.MEMORY_POOL_WEIGHT, depth: config.MEMORY_POOL_DEPTH },
    siblingVectorCacheSize: config.MEMORY_SIBLING_VECTOR_CACHE,
    siblingMembersTtlMs: config.MEMORY_SIBLING_MEMBERS_TTL_MS,
    siblingMirrorMaxPatterns: config.MEMORY_SIBLING_MIRROR_MAX_PATTERNS,
    retention: {
      template: days(config.MEMORY_RETENTION_TEMPLATE_DAYS),
      project: days(config.MEMORY_RETENTION_APPROVED_DAYS),
      manual: days(config.MEMORY_RETENTION_OTHER_DAYS),
    },
    retentionIntervalMs: config.MEMORY_RETENTION_INTERVAL_MS,
    reindexIntervalMs: config.MEMORY_REINDEX_INTERVAL_MS,
    usageFlushMs: config.MEMORY_USAGE_FLUSH_MS,
    typeWriteFlushMs: config.MEMORY_TYPE_WRITE_FLUSH_MS,
    orchestratorSchema: config.ORCHESTRATOR_SCHEMA,
    cpuWorkerSchema: config.WORKER_SCHEMA,
  };
}
