import { z } from 'zod';
import { normalize } from '../text/vector-math.util';
import { type Embedder, EmbedderUnavailableError } from './embedder';

/** Where and how to reach an OpenAI-compatible `/embeddings` endpoint (OpenAI, Ollama, vLLM). */
export interface OpenAiCompatibleOptions {
  /** Base URL including the version path, e.g. `https://api.openai.com/v1`, `http://ollama:11434/v1`. */
  readonly baseUrl: string;
  readonly model: string;
  readonly dimension: number;
  readonly apiKey?: string | undefined;
  readonly timeoutMs?: number;
  /** Texts per request (providers cap the input array). */
  readonly batchSize?: number;
}

const EmbeddingsResponse = z.object({
  data: z.array(z.object({ index: z.number().int(), embedding: z.array(z.number()) })),
});

/** Embeddings from an OpenAI-compatible server; a dimension other than configured is an error. */
export class OpenAiCompatibleEmbedder implements Embedder {
  readonly name: string;
  readonly dimension: number;

  constructor(private readonly options: OpenAiCompatibleOptions) {
    this.name = `openai-compatible:${options.model}`;
    this.dimension = options.dimension;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    const batchSize = this.options.batchSize ?? 64;
    const out: number[][] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      out.push(...(await this.request(texts.slice(start, start + batchSize))));
    }
    return out;
  }

  private async request(input: readonly string[]): Promise<number[][]> {
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/embeddings`;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.options.apiKey) headers['authorization'] = `Bearer ${this.options.apiKey}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: this.options.model, input, encoding_format: 'float' }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new EmbedderUnavailableError(`embeddings server ${url} unreachable`, { cause: error });
    }
    const body = await response.text();
    if (response.status === 429 || response.status >= 500) {
      throw new EmbedderUnavailableError(`embeddings server answered ${response.status}: ${body}`);
    }
    if (!response.ok) {
      throw new Error(
        `embeddings server refused the request (${response.status}): ${body.slice(0, 500)}; ` +
          'check MEMORY_EMBEDDINGS_MODEL and MEMORY_EMBEDDINGS_API_KEY',
      );
    }
    const parsed = EmbeddingsResponse.parse(JSON.parse(body));
    const vectors = [...parsed.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
    if (vectors.length !== input.length) {
      throw new Error(
        `embeddings server returned ${vectors.length} vectors for ${input.length} texts`,
      );
    }
    for (const vector of vectors) {
      if (vector.length !== this.dimension) {
        throw new Error(
          `${this.options.model} returned ${vector.length} dimensions, configured ${this.dimension}: ` +
            'set MEMORY_EMBEDDINGS_DIMENSION to the model’s size',
        );
      }
    }
    return vectors.map((vector) => normalize([...vector]));
  }
}
