import { ProjectOptions, STAGE_IDS, type StageId, TaskMemory } from '@agentbus/contracts';
import {
  type ApprovalRow,
  type ProjectRow,
  type Snapshot,
  type StageRow,
  type TaskRow,
} from '../workflow.types';

/** A row as node-postgres returns it: bigint and numeric as strings, jsonb parsed. */
export type Raw = Record<string, unknown>;

const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null => (value === null ? null : Number(value));
const dateOrNull = (value: unknown): Date | null => (value === null ? null : (value as Date));

export function projectFrom(raw: Raw): ProjectRow {
  const options = ProjectOptions.safeParse(raw['options']);
  return {
    id: raw['id'] as string,
    name: raw['name'] as string,
    state: raw['state'] as ProjectRow['state'],
    gates: options.success ? options.data.gates : { prd_approval: true, delivery_approval: false },
    gateTimeouts: (options.success ? options.data.gateTimeouts : undefined) ?? {},
    budget: (raw['budget'] ?? null) as ProjectRow['budget'],
    failureCause: (raw['failure_cause'] ?? null) as string | null,
    failedStage: (raw['failed_stage'] ?? null) as StageId | null,
    tokensUsed: num(raw['tokens_used']),
    costUsd: num(raw['cost_usd']),
    tokensReserved: num(raw['tokens_reserved']),
    costReservedUsd: num(raw['cost_reserved_usd']),
    version: num(raw['version']),
    workflowVersion: num(raw['workflow_version']),
    routing: (raw['routing'] ?? null) as ProjectRow['routing'],
    // Written only from validated commands; a row older than the column has null.
    memory: TaskMemory.nullable().parse(raw['memory'] ?? null),
    updatedAt: raw['updated_at'] as Date,
    completedAt: dateOrNull(raw['completed_at']),
  };
}

export function stageFrom(raw: Raw): StageRow {
  return {
    stage: raw['stage'] as StageId,
    state: raw['state'] as StageRow['state'],
    attempt: num(raw['attempt']),
    failures: num(raw['failures']),
    target: (raw['target'] ?? 'cpu') as StageRow['target'],
    taskId: (raw['task_id'] ?? null) as string | null,
    nextAttemptAt: dateOrNull(raw['next_attempt_at']),
    deadlineAt: dateOrNull(raw['deadline_at']),
    startedAt: dateOrNull(raw['started_at']),
    finishedAt: dateOrNull(raw['finished_at']),
    artifact: (raw['artifact'] ?? null) as StageRow['artifact'],
    lastError: (raw['last_error'] ?? null) as StageRow['lastError'],
    revision: (raw['revision'] ?? null) as StageRow['revision'],
  };
}

export function taskFrom(raw: Raw): TaskRow {
  return {
    id: raw['id'] as string,
    stage: raw['stage'] as StageId,
    attempt: num(raw['attempt']),
    target: raw['target'] as TaskRow['target'],
    state: raw['state'] as TaskRow['state'],
    dispatchedAt: raw['dispatched_at'] as Date,
    deadlineAt: raw['deadline_at'] as Date,
    finishedAt: dateOrNull(raw['finished_at']),
    inputTokens: numOrNull(raw['input_tokens']),
    outputTokens: numOrNull(raw['output_tokens']),
    costUsd: numOrNull(raw['cost_usd']),
    error: (raw['error'] ?? null) as TaskRow['error'],
  };
}

export function approvalFrom(raw: Raw): ApprovalRow {
  return {
    id: raw['id'] as string,
    gate: raw['gate'] as ApprovalRow['gate'],
    attempt: num(raw['attempt']),
    stage: (raw['stage'] ?? null) as StageId | null,
    state: raw['state'] as ApprovalRow['state'],
    reason: (raw['reason'] ?? null) as string | null,
    decision: (raw['decision'] ?? null) as ApprovalRow['decision'],
    comment: (raw['comment'] ?? null) as string | null,
    decidedBy: (raw['decided_by'] ?? null) as string | null,
    decidedAt: dateOrNull(raw['decided_at']),
    openedAt: raw['opened_at'] as Date,
    supersededAt: dateOrNull(raw['superseded_at'] ?? null),
    supersededBy: (raw['superseded_by'] ?? null) as string | null,
    timeout: (raw['timeout'] ?? null) as ApprovalRow['timeout'],
    deadlineAt: dateOrNull(raw['deadline_at'] ?? null),
    remindersSent: num(raw['reminders_sent'] ?? 0),
    decidedByTimeout: raw['decided_by_timeout'] === true,
  };
}

const stageOrder = (row: StageRow): number => STAGE_IDS.indexOf(row.stage);

/** A snapshot from the four row sets, stages in DAG order so decisions are deterministic. */
export function snapshotFrom(
  project: Raw,
  stages: Raw[],
  tasks: Raw[],
  approvals: Raw[],
): Snapshot {
  return {
    project: projectFrom(project),
    stages: stages.map(stageFrom).sort((a, b) => stageOrder(a) - stageOrder(b)),
    tasks: tasks.map(taskFrom),
    approvals: approvals.map(approvalFrom),
  };
}
