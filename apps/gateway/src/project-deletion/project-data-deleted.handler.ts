import { CONSUMERS, type ProjectDataDeletedV1 } from '@agentbus/contracts';
import { OnMessage } from '@agentbus/messaging-nest';
import { handleMessageOnce } from '@agentbus/service-runtime';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const consumer = CONSUMERS.gateway.projectDataDeleted;

/**
 * Records a service's answer to a deletion: the first answer of each service counts (a replay
 * changes nothing), and an answer for a deletion the gateway never recorded is ignored.
 */
@Injectable()
export class ProjectDataDeletedHandler {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @OnMessage(consumer)
  async handle(message: ProjectDataDeletedV1): Promise<void> {
    const { projectId, service, deleted } = message.data;
    await handleMessageOnce(this.db, consumer, message, async (tx) => {
      await tx.query(
        `UPDATE project_deletions
         SET answers = answers || jsonb_build_object($2::text, jsonb_build_object('rows', $3::int,
           'at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
         WHERE project_id = $1 AND answers -> $2::text IS NULL`,
        [projectId, service, deleted],
      );
    });
  }
}
