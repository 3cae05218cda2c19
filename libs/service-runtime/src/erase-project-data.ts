import {
  type AppName,
  type ConsumerDefinition,
  createEnvelope,
  PermanentError,
  ProjectDataDeletedV1,
  type ProjectDeletionRequestedV1,
} from '@agentbus/contracts';
import {
  type DeleteProjectDataOptions,
  deleteProjectData,
  schemaOf,
  type SqlTx,
} from '@agentbus/persistence';
import { type DataSource } from 'typeorm';
import { handleMessageOnce } from './handle-message-once';

/** How one service erases a project: which tables are keyed by its id, what must refuse it. */
export interface EraseProjectDataOptions extends DeleteProjectDataOptions {
  /** Why the project may not be deleted now (it moves again), checked in the transaction. */
  readonly refusal?: (tx: SqlTx, projectId: string) => Promise<string | undefined>;
}

/**
 * The whole effect of `project.deletion-requested` in one service: in one transaction with the
 * inbox row (a duplicate delivery changes nothing), every row of the project in the service's
 * schema is deleted and `project-data.deleted` is queued with the count. A refusal is permanent:
 * the message is dead-lettered with the reason and the gateway shows this service as pending.
 * Returns the rows deleted, or undefined for a duplicate.
 */
export async function eraseProjectData(
  db: DataSource,
  app: AppName,
  consumer: ConsumerDefinition,
  message: ProjectDeletionRequestedV1,
  options: EraseProjectDataOptions = {},
): Promise<number | undefined> {
  const { projectId } = message.data;
  const outcome = await handleMessageOnce(db, consumer, message, async (tx, outbox) => {
    const refusal = await options.refusal?.(tx, projectId);
    if (refusal !== undefined) throw new PermanentError(refusal);
    const deleted = await deleteProjectData(tx, schemaOf(db), projectId, options);
    const answer = createEnvelope(
      ProjectDataDeletedV1,
      { projectId, service: app, deleted },
      { source: app, correlationId: projectId, causationId: message.id },
    );
    await outbox.add(answer);
    return deleted;
  });
  return outcome.duplicate ? undefined : outcome.result;
}
