import { MemorySearchV1 } from '@agentbus/contracts';
import { type QueryRequestOf } from '@agentbus/messaging';
import { OnQuery } from '@agentbus/messaging-nest';
import { Injectable } from '@nestjs/common';
import { answering } from '../api/answering.util';
import { PatternsService } from '../patterns/patterns.service';

/**
 * Answers `agentbus.rpc.v1.memory.search` (queue group: replicas share it). An invalid request is
 * answered `invalid_request` with the schema's reasons by the bus; Chroma or the embedder being
 * unavailable (or still loading) is `memory_unavailable`, retryable: the asking worker proceeds without memory.
 */
@Injectable()
export class MemorySearchResponder {
  constructor(private readonly patterns: PatternsService) {}

  @OnQuery(MemorySearchV1)
  async search(request: QueryRequestOf<typeof MemorySearchV1>) {
    const { text, k, minScore, types, where, excludeIds } = request.data;
    return answering(async () => {
      const hits = await this.patterns.search({ text, k, minScore, types, where, excludeIds });
      return {
        hits: hits.map(({ pattern, similarity, score }) => ({
          id: pattern.id,
          type: pattern.type,
          score,
          similarity,
          successScore: pattern.successScore,
          text: pattern.text,
          metadata: { ...pattern.metadata, source: pattern.source },
        })),
      };
    });
  }
}
