import { MemoryConfig } from '../config';
import { memorySettingsOf } from './memory.settings';

const base = {
  NATS_URL: 'nats://127.0.0.1:4222',
  DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
};

describe(memorySettingsOf.name, () => {
  it('defaults to the hybrid embedder, 0.8/0.2 ranking and the issue’s retention', () => {
    const settings = memorySettingsOf(MemoryConfig.load(base));
    expect(settings.embedder).toEqual({ kind: 'hybrid', hybridSemanticWeight: 0.5 });
    expect(settings.weights).toEqual({ similarity: 0.8, success: 0.2 });
    expect(settings.pooling).toEqual({ weight: 5, depth: 2 });
    expect(settings.retention).toEqual({ template: null, project: 90, manual: 30 });
  });

  it('takes an OpenAI-compatible endpoint, and refuses one without its model or dimension', () => {
    const settings = memorySettingsOf(
      MemoryConfig.load({
        ...base,
        MEMORY_EMBEDDER: 'openai-compatible',
        MEMORY_EMBEDDINGS_URL: 'http://ollama:11434/v1',
        MEMORY_EMBEDDINGS_MODEL: 'nomic-embed-text',
        MEMORY_EMBEDDINGS_DIMENSION: '768',
        MEMORY_RETENTION_TEMPLATE_DAYS: '365',
      }),
    );
    expect(settings.embedder.openAi).toEqual({
      baseUrl: 'http://ollama:11434/v1',
      model: 'nomic-embed-text',
      dimension: 768,
      apiKey: undefined,
    });
    expect(settings.retention.template).toBe(365);
    expect(() =>
      memorySettingsOf(
        MemoryConfig.load({
          ...base,
          MEMORY_EMBEDDER: 'openai-compatible',
          MEMORY_EMBEDDINGS_URL: 'http://ollama:11434/v1',
        }),
      ),
    ).toThrow(/MEMORY_EMBEDDINGS_MODEL and MEMORY_EMBEDDINGS_DIMENSION/);
  });

  it('rejects weights outside 0..1 at load, naming the variable', () => {
    expect(() => MemoryConfig.load({ ...base, MEMORY_RANK_SUCCESS_WEIGHT: '2' })).toThrow(
      /MEMORY_RANK_SUCCESS_WEIGHT/,
    );
  });
});
