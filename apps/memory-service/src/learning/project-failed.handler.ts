import { CONSUMERS, type ProjectFailedV1 } from '@agentbus/contracts';
import { OnMessage } from '@agentbus/messaging-nest';
import { handleMessageOnce } from '@agentbus/service-runtime';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PatternRepository } from '../patterns/pattern.repository';
import { ProjectSourcesReader } from './project-sources.reader';

const consumer = CONSUMERS.memory.projectFailed;

/**
 * A failed project (a stage out of attempts or a gate rejected) counts a failure for the patterns
 * its stages reused, once per project; nothing of it is stored as a pattern.
 */
@Injectable()
export class ProjectFailedHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly sources: ProjectSourcesReader,
    private readonly patterns: PatternRepository,
  ) {}

  @OnMessage(consumer)
  async handle(message: ProjectFailedV1): Promise<void> {
    const { projectId } = message.data;
    await handleMessageOnce(this.db, consumer, message, async (tx) => {
      const reused = await this.sources.usedPatternIds(tx, projectId);
      await this.patterns.recordOutcome(tx, projectId, reused, 'failed');
    });
  }
}
