import { type ApprovalRow, type ProjectRow, type StageRow, type TaskRow } from '../workflow.types';

/** Where a row field lives; `json` columns are sent as text and cast to jsonb. */
interface Column {
  readonly name: string;
  readonly json?: true;
}

type Columns<R> = { readonly [K in keyof R]?: Column };

/** Writable columns of `projects` (the decider never changes id, name or gates). */
export const PROJECT_COLUMNS: Columns<ProjectRow> = {
  state: { name: 'state' },
  budget: { name: 'budget', json: true },
  memory: { name: 'memory', json: true },
  failureCause: { name: 'failure_cause' },
  failedStage: { name: 'failed_stage' },
  tokensUsed: { name: 'tokens_used' },
  costUsd: { name: 'cost_usd' },
  tokensReserved: { name: 'tokens_reserved' },
  costReservedUsd: { name: 'cost_reserved_usd' },
  version: { name: 'version' },
  updatedAt: { name: 'updated_at' },
  completedAt: { name: 'completed_at' },
};

export const STAGE_COLUMNS: Columns<StageRow> = {
  stage: { name: 'stage' },
  state: { name: 'state' },
  attempt: { name: 'attempt' },
  failures: { name: 'failures' },
  target: { name: 'target' },
  taskId: { name: 'task_id' },
  nextAttemptAt: { name: 'next_attempt_at' },
  deadlineAt: { name: 'deadline_at' },
  startedAt: { name: 'started_at' },
  finishedAt: { name: 'finished_at' },
  artifact: { name: 'artifact', json: true },
  lastError: { name: 'last_error', json: true },
  revision: { name: 'revision', json: true },
};

export const TASK_COLUMNS: Columns<TaskRow> = {
  id: { name: 'id' },
  stage: { name: 'stage' },
  attempt: { name: 'attempt' },
  target: { name: 'target' },
  state: { name: 'state' },
  dispatchedAt: { name: 'dispatched_at' },
  deadlineAt: { name: 'deadline_at' },
  finishedAt: { name: 'finished_at' },
  inputTokens: { name: 'input_tokens' },
  outputTokens: { name: 'output_tokens' },
  costUsd: { name: 'cost_usd' },
  error: { name: 'error', json: true },
};

export const APPROVAL_COLUMNS: Columns<ApprovalRow> = {
  id: { name: 'id' },
  gate: { name: 'gate' },
  attempt: { name: 'attempt' },
  stage: { name: 'stage' },
  state: { name: 'state' },
  reason: { name: 'reason' },
  decision: { name: 'decision' },
  comment: { name: 'comment' },
  decidedBy: { name: 'decided_by' },
  decidedAt: { name: 'decided_at' },
  openedAt: { name: 'opened_at' },
  supersededAt: { name: 'superseded_at' },
  supersededBy: { name: 'superseded_by' },
  timeout: { name: 'timeout', json: true },
  deadlineAt: { name: 'deadline_at' },
  remindersSent: { name: 'reminders_sent' },
  decidedByTimeout: { name: 'decided_by_timeout' },
};

/** Column names, placeholders (from `$first`) and values for the fields of `row`. */
export function columnsOf<R extends object>(
  columns: Columns<R>,
  row: Partial<R>,
  first: number,
): { names: string[]; placeholders: string[]; values: unknown[] } {
  const names: string[] = [];
  const placeholders: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(row)) {
    const column = columns[key as keyof R];
    if (column === undefined) throw new Error(`no writable column for ${key}`);
    names.push(column.name);
    placeholders.push(`$${first + values.length}${column.json ? '::jsonb' : ''}`);
    values.push(column.json && value !== null ? JSON.stringify(value) : value);
  }
  return { names, placeholders, values };
}
