import {
  CONSUMERS,
  createEnvelope,
  type ProjectCompletedV1,
  PatternStoredV1,
} from '@agentbus/contracts';
import { OnMessage } from '@agentbus/messaging-nest';
import { AppLogger } from '@agentbus/observability';
import { handleMessageOnce } from '@agentbus/service-runtime';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MemoryIndex } from '../patterns/memory-index';
import { type NewPattern } from '../patterns/pattern';
import { PatternRepository } from '../patterns/pattern.repository';
import { PatternsService } from '../patterns/patterns.service';
import { artifactPattern } from './artifact-pattern.util';
import { ProjectSourcesReader } from './project-sources.reader';

const consumer = CONSUMERS.memory.projectCompleted;

/**
 * The learning loop: a completed project's accepted artifacts (the ids the event lists, never a
 * rejected or superseded version) become patterns, and the patterns its stages reused count a
 * success. Both commit with the inbox row, so a duplicate delivery stores nothing twice; vectors
 * are written after the commit (the reindexer catches up if this process dies first).
 */
@Injectable()
export class ProjectCompletedHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly sources: ProjectSourcesReader,
    private readonly patterns: PatternRepository,
    private readonly service: PatternsService,
    private readonly index: MemoryIndex,
    private readonly logger: AppLogger,
  ) {}

  @OnMessage(consumer)
  async handle(message: ProjectCompletedV1): Promise<void> {
    const { projectId, artifactIds } = message.data;
    const outcome = await handleMessageOnce(this.db, consumer, message, async (tx, outbox) => {
      const artifacts = await this.sources.artifacts(tx, artifactIds);
      if (artifacts.length < artifactIds.length) {
        this.logger.pino.warn(
          { projectId, listed: artifactIds.length, found: artifacts.length },
          'some artifacts of the completed project are not in artifacts_v1',
        );
      }
      const candidates = artifacts.flatMap((artifact) => artifactPattern(artifact) ?? []);
      const created = new Set(await this.patterns.insertNew(candidates, tx));
      const reused = await this.sources.usedPatternIds(tx, projectId);
      await this.patterns.recordOutcome(tx, projectId, reused, 'completed');
      const stored = candidates.filter((pattern) => created.has(pattern.id));
      for (const pattern of stored) await outbox.add(this.storedEvent(pattern, message.id));
      return stored;
    });
    if (!outcome.duplicate) await this.service.indexNow(outcome.result);
  }

  private storedEvent(pattern: NewPattern, causationId: string) {
    return createEnvelope(
      PatternStoredV1,
      {
        patternId: pattern.id,
        type: pattern.type,
        ...(pattern.projectId ? { projectId: pattern.projectId } : {}),
        embedder: this.index.embedderName ?? 'pending',
      },
      {
        source: 'memory-service',
        correlationId: pattern.projectId ?? causationId,
        causationId,
      },
    );
  }
}
