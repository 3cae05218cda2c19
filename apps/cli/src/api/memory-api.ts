import { z } from 'zod';
import { type HttpClient } from '../http/http-client';

// Client-side views of the gateway's memory answers: only what the CLI shows, lenient on additions.

const Metadata = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export const MemoryHit = z.object({
  id: z.string(),
  type: z.string(),
  score: z.number(),
  similarity: z.number().optional(),
  successScore: z.number().optional(),
  text: z.string(),
  metadata: Metadata,
});
export type MemoryHit = z.infer<typeof MemoryHit>;
const SearchAnswer = z.object({ hits: z.array(MemoryHit) });
export const MemoryTemplate = z.object({
  id: z.string(),
  name: z.string(),
  text: z.string(),
  retrievedCount: z.number(),
  successScore: z.number(),
});
export type MemoryTemplate = z.infer<typeof MemoryTemplate>;
const TemplatesAnswer = z.object({ templates: z.array(MemoryTemplate) });
const Counts = z.record(z.string(), z.number());
export const MemoryStats = z.object({
  patterns: z.number(),
  bySource: Counts,
  byType: z.array(
    z.object({
      type: z.string(),
      patterns: z.number(),
      used: z.number(),
      retrieved: z.number(),
      successes: z.number(),
      failures: z.number(),
      meanSuccessScore: z.number(),
    }),
  ),
  unindexed: z.number(),
  retention: z.object({
    runs: z.number(),
    removed: Counts,
    archived: z.number(),
    lastRun: z.object({ ranAt: z.string(), removed: Counts, kept: Counts }).nullable(),
  }),
});
export type MemoryStats = z.infer<typeof MemoryStats>;

/** What `memory search` asks. */
export interface MemorySearch {
  readonly text: string;
  readonly types?: readonly string[] | undefined;
  readonly k?: number | undefined;
  readonly minScore?: number | undefined;
}

/** The gateway's memory routes. */
export class MemoryApi {
  constructor(private readonly http: HttpClient) {}

  search(search: MemorySearch): Promise<MemoryHit[]> {
    const types = search.types && search.types.length > 0 ? search.types.join(',') : undefined;
    return this.http
      .json('GET', '/v1/memory/search', SearchAnswer, {
        query: { q: search.text, type: types, k: search.k, minScore: search.minScore },
      })
      .then((answer) => answer.hits);
  }

  templates(): Promise<MemoryTemplate[]> {
    return this.http
      .json('GET', '/v1/memory/templates', TemplatesAnswer)
      .then((answer) => answer.templates);
  }

  stats(): Promise<MemoryStats> {
    return this.http.json('GET', '/v1/memory/stats', MemoryStats);
  }
}
