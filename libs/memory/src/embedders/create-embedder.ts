import { type Embedder } from './embedder';
import { HashedNgramEmbedder } from './hashed-ngram.embedder';
import { HybridEmbedder } from './hybrid.embedder';
import { OpenAiCompatibleEmbedder } from './openai-compatible.embedder';
import { loadWinkWordVectors } from './wink-word-vectors';
import { WordVectorsEmbedder } from './word-vectors.embedder';

/** The embedders a deployment can choose (MEMORY_EMBEDDER). */
export const EMBEDDER_KINDS = ['hybrid', 'word-vectors', 'hashed', 'openai-compatible'] as const;
export type EmbedderKind = (typeof EMBEDDER_KINDS)[number];

/** What {@link createEmbedder} needs; the OpenAI-compatible fields only for that kind. */
export interface EmbedderSettings {
  readonly kind: EmbedderKind;
  readonly hashedDimension?: number;
  readonly hybridSemanticWeight?: number;
  /** Where the packed word vectors are cached between processes (default: the temp folder). */
  readonly wordVectors?: { readonly cacheDir?: string };
  readonly openAi?: {
    readonly baseUrl: string;
    readonly model: string;
    readonly dimension: number;
    readonly apiKey?: string | undefined;
  };
}

/** Builds an embedder; word vectors are loaded once per process however often this is called. */
export async function createEmbedder(settings: EmbedderSettings): Promise<Embedder> {
  const hashed = () => new HashedNgramEmbedder(settings.hashedDimension ?? 512);
  switch (settings.kind) {
    case 'hashed':
      return hashed();
    case 'word-vectors':
      return new WordVectorsEmbedder(await loadWinkWordVectors(settings.wordVectors));
    case 'hybrid':
      return new HybridEmbedder(
        new WordVectorsEmbedder(await loadWinkWordVectors(settings.wordVectors)),
        hashed(),
        settings.hybridSemanticWeight ?? 0.5,
      );
    case 'openai-compatible':
      if (!settings.openAi) {
        throw new Error('the openai-compatible embedder needs MEMORY_EMBEDDINGS_URL and _MODEL');
      }
      return new OpenAiCompatibleEmbedder(settings.openAi);
  }
}
