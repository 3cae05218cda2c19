import { type StageId } from '@agentbus/contracts';
import { type TaskOrder } from '../workflow.types';
import { reserveTask } from './budget';
import { type Draft } from './draft';
import { specOf } from './graph';
import { taskIdFor } from './ids';

/**
 * The artifacts the stage's agent declares (the contracts' PIPELINE), optional ones when the run
 * produced them: the task carries nothing its agent does not read.
 */
function inputsOf(draft: Draft, stage: StageId): TaskOrder['inputs'] {
  const { inputs, optionalInputs } = specOf(draft.workflow, stage);
  return [...inputs, ...optionalInputs].flatMap((input) => {
    const { artifact } = draft.stage(input);
    return artifact === null ? [] : [{ stage: input, artifact }];
  });
}

const NOT_FINISHED = {
  state: 'dispatched',
  finishedAt: null,
  inputTokens: null,
  outputTokens: null,
  costUsd: null,
  error: null,
} as const;

/** Sends the stage's next attempt to its worker pool, with a deadline and a reservation. */
export function dispatchStage(draft: Draft, stage: StageId): void {
  const spec = specOf(draft.workflow, stage);
  const row = draft.stage(stage);
  const attempt = row.attempt + 1;
  const taskId = taskIdFor(draft.project.id, stage, attempt);
  const deadlineAt = new Date(draft.now.getTime() + spec.retry.timeoutMs);
  const { target } = spec;
  draft.patchStage(stage, {
    state: 'dispatched',
    attempt,
    taskId,
    target,
    deadlineAt,
    nextAttemptAt: null,
    startedAt: row.startedAt ?? draft.now,
    finishedAt: null,
  });
  draft.insertTask({
    ...NOT_FINISHED,
    id: taskId,
    stage,
    attempt,
    target,
    deadlineAt,
    dispatchedAt: draft.now,
  });
  reserveTask(draft);
  const inputs = inputsOf(draft, stage);
  const resources = target === 'gpu' ? draft.project.routing?.detection.resources : undefined;
  const memory = target === 'cpu' ? (draft.project.memory ?? undefined) : undefined;
  draft.order({
    kind: 'dispatch',
    task: {
      taskId,
      stage,
      attempt,
      target,
      inputs,
      deadlineAt,
      revision: row.revision,
      ...(resources === undefined ? {} : { resources }),
      ...(memory === undefined ? {} : { memory }),
    },
  });
  draft.emit({ name: 'stage_dispatched', data: { stage, attempt, taskId, target } });
}
