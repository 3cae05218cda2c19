import { createHash } from 'node:crypto';
import {
  type ArtifactRef,
  type GateId,
  type LlmUsage,
  type StageId,
  type TaskError,
} from '@agentbus/contracts';
import { applyChanges } from '../../src/workflow/decider/apply-changes';
import { deterministicId } from '../../src/workflow/decider/ids';
import { dueInputs } from '../../src/workflow/decider/due-inputs';
import { isInFlight } from '../../src/workflow/decider/in-flight';
import { buildWorkflow, type Workflow } from '../../src/workflow/workflow.dag';
import { decide } from '../../src/workflow/workflow.decider';
import {
  type ApprovalRow,
  type Decision,
  type Effect,
  type NewProject,
  type Snapshot,
  type StageRow,
  type TaskOrder,
  type WorkflowEvent,
  type WorkflowInput,
} from '../../src/workflow/workflow.types';

export const PROJECT_ID = '0193a000-0000-7000-8000-000000000001';
export const T0 = new Date('2026-01-01T00:00:00.000Z');

/** Short, round numbers so specs can compute delays and budgets by hand. */
export const TEST_WORKFLOW: Workflow = buildWorkflow({
  retry: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 8_000, timeoutMs: 60_000 },
  estimate: { tokens: 1_000, costUsd: 0.01 },
});

export const anArtifact = (stage: StageId, attempt: number): ArtifactRef => ({
  id: deterministicId(`artifact:${stage}:${attempt}`),
  version: attempt,
  sha256: createHash('sha256').update(`${stage}:${attempt}`).digest('hex'),
  format: 'markdown',
});

export const aUsage = (tokens = 600, costUsd = 0.006): LlmUsage => ({
  provider: 'offline',
  model: 'test',
  inputTokens: tokens / 2,
  outputTokens: tokens / 2,
  costUsd,
  calls: 1,
});

export const aSubmission = (options: Partial<NewProject['options']> = {}): NewProject => ({
  projectId: PROJECT_ID,
  name: 'demo',
  requirements: 'a todo app',
  options: { gates: { prd_approval: true, delivery_approval: false }, ...options },
  submittedBy: 'key-1',
});

export const dispatchesOf = (decision: Decision): TaskOrder[] =>
  decision.effects.flatMap((effect) => (effect.kind === 'dispatch' ? [effect.task] : []));

export const eventsOf = (decision: Decision): WorkflowEvent[] =>
  decision.effects.flatMap((effect) => (effect.kind === 'event' ? [effect.event] : []));

export const cancelsOf = (decision: Decision): Extract<Effect, { kind: 'cancel' }>[] =>
  decision.effects.flatMap((effect) => (effect.kind === 'cancel' ? [effect] : []));

/** Drives the pure decider like the handlers and the scheduler do, with a clock of its own. */
export class WorkflowSim {
  snapshot: Snapshot | undefined;
  now = T0;
  last: Decision = { changes: [], effects: [] };

  constructor(readonly workflow: Workflow = TEST_WORKFLOW) {}

  send(input: WorkflowInput): Decision {
    const decision = decide(this.snapshot, input, this.now, this.workflow);
    if (decision.changes.length > 0) this.snapshot = applyChanges(this.snapshot, decision.changes);
    this.last = decision;
    return decision;
  }

  submit(options: Partial<NewProject['options']> = {}): Decision {
    return this.send({ kind: 'submitted', project: aSubmission(options) });
  }

  get state(): Snapshot {
    if (this.snapshot === undefined) throw new Error('no project yet');
    return this.snapshot;
  }

  stage(stage: StageId): StageRow {
    const row = this.state.stages.find((candidate) => candidate.stage === stage);
    if (row === undefined) throw new Error(`no stage ${stage}`);
    return row;
  }

  inFlight(): StageId[] {
    return this.state.stages.filter((row) => isInFlight(row.state)).map((row) => row.stage);
  }

  /** What the started handler's guarded statement does: a dispatched stage becomes `running`. */
  markRunning(stage: StageId): void {
    if (this.stage(stage).state !== 'dispatched') return;
    this.snapshot = applyChanges(this.snapshot, [
      { kind: 'update_stage', stage, patch: { state: 'running' } },
    ]);
  }

  openApproval(gate?: GateId): ApprovalRow {
    const open = this.state.approvals.find(
      (row) => row.state === 'open' && (gate === undefined || row.gate === gate),
    );
    if (open === undefined) throw new Error(`no open gate ${gate ?? ''}`);
    return open;
  }

  succeed(stage: StageId, usage: LlmUsage | undefined = aUsage()): Decision {
    const { attempt, taskId } = this.stage(stage);
    const artifact = anArtifact(stage, attempt);
    return this.send({
      kind: 'task_succeeded',
      taskId: taskId ?? '',
      stage,
      attempt,
      artifact,
      usage,
    });
  }

  fail(stage: StageId, error: Partial<TaskError> = {}): Decision {
    const { attempt, taskId } = this.stage(stage);
    const full: TaskError = { code: 'llm_error', message: 'boom', retryable: true, ...error };
    return this.send({ kind: 'task_failed', taskId: taskId ?? '', stage, attempt, error: full });
  }

  decideGate(
    decision: 'approve' | 'reject' | 'request_changes',
    extra: { comment?: string; raiseBudget?: { maxTokens?: number; maxCostUsd?: number } } = {},
    approval: ApprovalRow = this.openApproval(),
  ): Decision {
    return this.send({
      kind: 'approval_decided',
      approvalId: approval.id,
      gate: approval.gate,
      attempt: approval.attempt,
      decision,
      decidedBy: 'reviewer-1',
      ...extra,
    });
  }

  /** Moves the clock and runs every timer then due, as the scheduler would. */
  tick(ms: number): Decision[] {
    this.now = new Date(this.now.getTime() + ms);
    return dueInputs(this.state, this.now).map((input) => this.send(input));
  }

  /** Answers every in-flight task with success and approves every gate until the project stops. */
  runToEnd(): StageId[][] {
    const rounds: StageId[][] = [];
    for (let guard = 0; guard < 50; guard += 1) {
      const { state } = this.state.project;
      if (state === 'waiting_approval') this.decideGate('approve');
      else if (state === 'running' && this.inFlight().length > 0) {
        const batch = this.inFlight();
        rounds.push(batch);
        for (const stage of batch) this.succeed(stage);
      } else return rounds;
    }
    throw new Error('the project did not stop');
  }
}
