import {
  createEnvelope,
  type MessageOf,
  newMessageId,
  ProjectCancelRequestedV1,
} from '@agentbus/contracts';

/** A valid `project.cancel-requested` envelope (any registered contract would do). */
export const aCancelRequest = (
  overrides: { id?: string; reason?: string } = {},
): MessageOf<typeof ProjectCancelRequestedV1> =>
  createEnvelope(
    ProjectCancelRequestedV1,
    {
      projectId: newMessageId(),
      requestedBy: 'persistence-test',
      ...(overrides.reason === undefined ? {} : { reason: overrides.reason }),
    },
    {
      source: 'gateway',
      correlationId: newMessageId(),
      ...(overrides.id === undefined ? {} : { id: overrides.id }),
    },
  );
