import { type StageId, type TaskError } from '@agentbus/contracts';
import { type Decision, type WorkflowInput } from '../workflow.types';
import { advance, isActive } from './advance';
import { addUsage, releaseTask, usageColumns } from './budget';
import { retryDelayMs } from './backoff';
import { type Draft } from './draft';
import { isInFlight } from './in-flight';
import { specOf } from './graph';
import { failProject } from './stop';

type Succeeded = Extract<WorkflowInput, { kind: 'task_succeeded' }>;
type Failed = Extract<WorkflowInput, { kind: 'task_failed' }>;
type Result = Succeeded | Failed;

/** Why a result no longer counts (fencing, DESIGN §6), or `undefined` when it is current. */
function staleness(draft: Draft, result: Result): string | undefined {
  if (!isActive(draft.project.state)) return `project is ${draft.project.state}`;
  const row = draft.stage(result.stage);
  if (isInFlight(row.state) && row.attempt === result.attempt && row.taskId === result.taskId) {
    return undefined;
  }
  return `${result.stage} is ${row.state} at attempt ${row.attempt}; result is for attempt ${result.attempt}`;
}

/** A late result changes nothing but what it really spent, recorded once on its task. */
function recordStale(draft: Draft, result: Result, detail: string): Decision {
  const task = draft.tasks.find((candidate) => candidate.id === result.taskId);
  if (task !== undefined && result.usage !== undefined && task.inputTokens === null) {
    draft.patchTask(task.id, usageColumns(result.usage));
    addUsage(draft, result.usage);
  }
  return draft.decision({ reason: 'stale_result', detail });
}

function settleTask(draft: Draft, result: Result, patch: Parameters<Draft['patchTask']>[1]) {
  releaseTask(draft);
  addUsage(draft, result.usage);
  draft.patchTask(result.taskId, {
    ...patch,
    finishedAt: draft.now,
    ...usageColumns(result.usage),
  });
}

export function onTaskSucceeded(draft: Draft, result: Succeeded): Decision {
  const stale = staleness(draft, result);
  if (stale !== undefined) return recordStale(draft, result, stale);
  const task = draft.tasks.find((candidate) => candidate.id === result.taskId);
  settleTask(draft, result, { state: 'succeeded' });
  const { stage, attempt, artifact } = result;
  draft.patchStage(stage, {
    state: 'succeeded',
    artifact,
    finishedAt: draft.now,
    deadlineAt: null,
  });
  const durationMs = Math.max(0, draft.now.getTime() - (task?.dispatchedAt.getTime() ?? 0));
  draft.emit({ name: 'stage_completed', data: { stage, attempt, artifact, durationMs } });
  advance(draft);
  return draft.decision();
}

export function onTaskFailed(draft: Draft, result: Failed): Decision {
  const stale = staleness(draft, result);
  if (stale !== undefined) return recordStale(draft, result, stale);
  settleTask(draft, result, { state: 'failed', error: result.error });
  failAttempt(draft, result.stage, result.error);
  return draft.decision();
}

/**
 * Counts a failed attempt: retried after an exponential, jittered delay while the error is
 * retryable and attempts are left, else the stage fails and takes the project with it.
 */
export function failAttempt(draft: Draft, stage: StageId, error: TaskError): void {
  const row = draft.stage(stage);
  const { retry } = specOf(draft.workflow, stage);
  const failures = row.failures + 1;
  const base = { failures, deadlineAt: null, lastError: error };
  const event = { stage, attempt: row.attempt, error };
  if (error.retryable && failures < retry.maxAttempts) {
    const delay = retryDelayMs(retry, failures, `${draft.project.id}:${stage}:${row.attempt}`);
    const nextAttemptAt = new Date(draft.now.getTime() + delay);
    draft.patchStage(stage, { ...base, state: 'pending', nextAttemptAt });
    const data = { ...event, willRetry: true, nextAttemptAt: nextAttemptAt.toISOString() };
    return draft.emit({ name: 'stage_failed', data });
  }
  draft.patchStage(stage, { ...base, state: 'failed', finishedAt: draft.now });
  draft.emit({ name: 'stage_failed', data: { ...event, willRetry: false } });
  const why = error.retryable ? `no attempts left after ${failures}` : 'not retryable';
  const cause = `${stage} attempt ${row.attempt} failed (${why}): ${error.code}: ${error.message}`;
  failProject(draft, cause, stage);
}
