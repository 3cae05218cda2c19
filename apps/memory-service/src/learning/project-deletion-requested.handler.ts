import {
  CONSUMERS,
  createEnvelope,
  ProjectDataDeletedV1,
  type ProjectDeletionRequestedV1,
} from '@agentbus/contracts';
import { OnMessage } from '@agentbus/messaging-nest';
import { deleteProjectData, schemaOf } from '@agentbus/persistence';
import { handleMessageOnce } from '@agentbus/service-runtime';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PatternRepository } from '../patterns/pattern.repository';
import { PatternsService } from '../patterns/patterns.service';

const consumer = CONSUMERS.memory.projectDeletionRequested;

/**
 * Deletes the patterns derived from a project (and their archive rows and the project's outcomes,
 * taken out of the reused patterns' counts) once, answers `project-data.deleted`, then drops their vectors from Chroma; a vector left by a
 * crash is never returned (searches read Postgres) and the reindexer sweeps it.
 */
@Injectable()
export class ProjectDeletionRequestedHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly patterns: PatternsService,
    private readonly repository: PatternRepository,
  ) {}

  @OnMessage(consumer)
  async handle(message: ProjectDeletionRequestedV1): Promise<void> {
    const { projectId } = message.data;
    const outcome = await handleMessageOnce(this.db, consumer, message, async (tx, outbox) => {
      const derived: { id: string }[] = await tx.query(
        `SELECT id FROM patterns WHERE project_id = $1`,
        [projectId],
      );
      const ids = derived.map((row) => row.id);
      await tx.query(`DELETE FROM pattern_outcomes WHERE pattern_id = ANY($1::text[])`, [ids]);
      // The project's own outcomes leave the counts of the patterns it reused (its rows go below).
      await this.repository.forgetOutcomesOf(tx, projectId);
      const deleted = await deleteProjectData(tx, schemaOf(this.db), projectId);
      await outbox.add(
        createEnvelope(
          ProjectDataDeletedV1,
          { projectId, service: 'memory-service', deleted },
          { source: 'memory-service', correlationId: projectId, causationId: message.id },
        ),
      );
      return ids;
    });
    if (!outcome.duplicate) await this.patterns.dropVectors(outcome.result);
  }
}
