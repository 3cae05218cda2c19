import {
  type ArtifactRef,
  type Decision as GateDecision,
  type GateId,
  type GateTimeoutAction,
  type GateTimeouts,
  type LlmUsage,
  type ProjectState,
  type StageId,
  type StageState,
  type TaskError,
  type TaskMemory,
  type GpuPreference,
  type TaskTarget,
} from '@agentbus/contracts';
import { type RoutingDecision } from '@agentbus/ml-detection';

/** A project's budget; either limit may be absent. */
export interface Budget {
  readonly maxTokens?: number | undefined;
  readonly maxCostUsd?: number | undefined;
}

/** The `projects` row as the decider sees it (the requirements body stays in Postgres). */
export interface ProjectRow {
  readonly id: string;
  readonly name: string;
  readonly state: ProjectState;
  readonly gates: { readonly prd_approval: boolean; readonly delivery_approval: boolean };
  readonly budget: Budget | null;
  /** The project's own gate timeouts (a gate left out gets the orchestrator's default). */
  readonly gateTimeouts: GateTimeouts;
  readonly failureCause: string | null;
  readonly failedStage: StageId | null;
  readonly tokensUsed: number;
  readonly costUsd: number;
  readonly tokensReserved: number;
  readonly costReservedUsd: number;
  readonly version: number;
  /** The DAG version the project started on; it runs on it to its end (workflow-versions.ts). */
  readonly workflowVersion: number;
  /** Where its ML work runs, decided on submit; null for projects older than routing. */
  readonly routing: RoutingDecision | null;
  /** Its template and the memory patterns reviewers excluded; every CPU task carries them. */
  readonly memory?: TaskMemory | null;
  readonly updatedAt: Date;
  readonly completedAt: Date | null;
}

/** A request_changes re-run: the reviewer's comment and the version it revises. */
export interface Revision {
  readonly comment: string;
  readonly previous: ArtifactRef;
}

/** One `stages` row: the stage's current run; `attempt` only grows (never reused). */
export interface StageRow {
  readonly stage: StageId;
  readonly state: StageState;
  readonly attempt: number;
  /** Failed attempts in the current run; reset by restart and request_changes. */
  readonly failures: number;
  readonly target: TaskTarget;
  readonly taskId: string | null;
  readonly nextAttemptAt: Date | null;
  readonly deadlineAt: Date | null;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  readonly artifact: ArtifactRef | null;
  readonly lastError: TaskError | null;
  readonly revision: Revision | null;
}

export type TaskState = 'dispatched' | 'succeeded' | 'failed' | 'timed_out' | 'cancelled';

/** One `tasks` row: one attempt of one stage. */
export interface TaskRow {
  readonly id: string;
  readonly stage: StageId;
  readonly attempt: number;
  readonly target: TaskTarget;
  readonly state: TaskState;
  readonly dispatchedAt: Date;
  readonly deadlineAt: Date;
  readonly finishedAt: Date | null;
  readonly inputTokens: number | null;
  readonly outputTokens: number | null;
  readonly costUsd: number | null;
  readonly error: TaskError | null;
}

export type ApprovalState =
  'open' | 'approved' | 'rejected' | 'changes_requested' | 'closed' | 'superseded';

/** A gate opening's timeout, fixed when it opens (a later config change does not move it). */
export interface GateTimer {
  readonly action: GateTimeoutAction;
  readonly afterSeconds: number;
  /** remind only: the most reminders this opening sends. */
  readonly maxReminders: number | null;
}

/** One `approvals` row: one attempt of one gate. */
export interface ApprovalRow {
  readonly id: string;
  readonly gate: GateId;
  readonly attempt: number;
  readonly stage: StageId | null;
  readonly state: ApprovalState;
  readonly reason: string | null;
  readonly decision: GateDecision | null;
  readonly comment: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  readonly openedAt: Date;
  /** A restart superseded it (the gate asks again): when, and the restart command's id. */
  readonly supersededAt?: Date | null;
  readonly supersededBy?: string | null;
  readonly timeout: GateTimer | null;
  /** When the timeout (or the next reminder) is due; null when nothing more will happen. */
  readonly deadlineAt: Date | null;
  readonly remindersSent: number;
  /** The timeout decided the gate (as the system actor), not a reviewer. */
  readonly decidedByTimeout: boolean;
}

/** Everything the decider needs about one project, loaded under the project's row lock. */
export interface Snapshot {
  readonly project: ProjectRow;
  readonly stages: readonly StageRow[];
  readonly tasks: readonly TaskRow[];
  readonly approvals: readonly ApprovalRow[];
}

/** The project a submission creates; `requirements` is written but never loaded back. */
export interface NewProject {
  readonly projectId: string;
  readonly name: string;
  readonly requirements: string;
  readonly options: {
    readonly gates: ProjectRow['gates'];
    readonly budget?: Budget | undefined;
    readonly gateTimeouts?: GateTimeouts | undefined;
    readonly gpu?: GpuPreference | undefined;
  };
  readonly submittedBy: string;
  /** A memory pattern of type `template` its agents read first. */
  readonly templateId?: string | undefined;
  /** The workspace (tenant) it belongs to; absent from older gateways. */
  readonly workspace?: string | undefined;
}

/** What can happen to a project: commands, task results, and the scheduler's timers. */
export type WorkflowInput =
  | { readonly kind: 'submitted'; readonly project: NewProject }
  | {
      readonly kind: 'task_succeeded';
      readonly taskId: string;
      readonly stage: StageId;
      readonly attempt: number;
      readonly artifact: ArtifactRef;
      readonly usage?: LlmUsage | undefined;
    }
  | {
      readonly kind: 'task_failed';
      readonly taskId: string;
      readonly stage: StageId;
      readonly attempt: number;
      readonly error: TaskError;
      readonly usage?: LlmUsage | undefined;
    }
  | { readonly kind: 'task_timed_out'; readonly stage: StageId; readonly attempt: number }
  | { readonly kind: 'retry_due'; readonly stage: StageId; readonly attempt: number }
  | {
      readonly kind: 'gate_timer_due';
      readonly approvalId: string;
      readonly gate: GateId;
      readonly attempt: number;
      /** Reminders sent before this firing: tells the firings of one opening apart. */
      readonly firing: number;
    }
  | {
      readonly kind: 'approval_decided';
      readonly approvalId: string;
      readonly gate: GateId;
      readonly attempt: number;
      readonly decision: GateDecision;
      readonly comment?: string | undefined;
      readonly decidedBy: string;
      readonly raiseBudget?: Budget | undefined;
    }
  | { readonly kind: 'cancel_requested'; readonly reason?: string | undefined }
  | {
      readonly kind: 'restart_requested';
      readonly fromStage: StageId;
      /** The restart command's id, recorded on the approvals it supersedes. */
      readonly requestId?: string | undefined;
      /** Memory patterns excluded for the project from this restart on. */
      readonly excludePatterns?: readonly string[] | undefined;
    };

/** A write to Postgres. Row patches carry only the columns that change. */
export type Change =
  | { readonly kind: 'insert_project'; readonly project: ProjectRow; readonly source: NewProject }
  | { readonly kind: 'update_project'; readonly patch: Partial<ProjectRow> }
  | { readonly kind: 'insert_stage'; readonly row: StageRow }
  | { readonly kind: 'update_stage'; readonly stage: StageId; readonly patch: Partial<StageRow> }
  | { readonly kind: 'insert_task'; readonly row: TaskRow }
  | { readonly kind: 'update_task'; readonly id: string; readonly patch: Partial<TaskRow> }
  | { readonly kind: 'insert_approval'; readonly row: ApprovalRow }
  | { readonly kind: 'update_approval'; readonly id: string; readonly patch: Partial<ApprovalRow> };

/** A task to send to a worker pool. */
export interface TaskOrder {
  readonly taskId: string;
  readonly stage: StageId;
  readonly attempt: number;
  readonly target: TaskTarget;
  readonly inputs: readonly { readonly stage: StageId; readonly artifact: ArtifactRef }[];
  readonly deadlineAt: Date;
  readonly revision: Revision | null;
  /** CPU tasks: the project's template and excluded patterns, when it has either. */
  readonly memory?: TaskMemory;
  /** GPU tasks only: what the job asks for (the project's routing decision). */
  readonly resources?: RoutingDecision['detection']['resources'];
}

/** The workflow events of DESIGN §5, by name, with their data. */
export type WorkflowEvent =
  | { readonly name: 'project_started'; readonly data: { name: string } }
  | {
      readonly name: 'routing_decided';
      readonly data: {
        score: number;
        signals: string[];
        target: TaskTarget;
        estimate?: { gpus: number; memoryGi: number };
      };
    }
  | {
      readonly name: 'project_completed';
      readonly data: { artifactIds: string[]; totalTokens: number; totalCostUsd: number };
    }
  | { readonly name: 'project_failed'; readonly data: { stage?: StageId; cause: string } }
  | { readonly name: 'project_cancelled'; readonly data: { reason?: string } }
  | {
      readonly name: 'stage_dispatched';
      readonly data: { stage: StageId; attempt: number; taskId: string; target: TaskTarget };
    }
  | {
      readonly name: 'stage_completed';
      readonly data: { stage: StageId; attempt: number; artifact: ArtifactRef; durationMs: number };
    }
  | {
      readonly name: 'stage_failed';
      readonly data: {
        stage: StageId;
        attempt: number;
        error: TaskError;
        willRetry: boolean;
        nextAttemptAt?: string;
      };
    }
  | {
      readonly name: 'approval_requested';
      readonly data: {
        approvalId: string;
        gate: GateId;
        attempt: number;
        stage?: StageId;
        reason?: string;
      };
    }
  | {
      readonly name: 'approval_reminded';
      readonly data: {
        approvalId: string;
        gate: GateId;
        attempt: number;
        reminder: number;
        maxReminders: number;
        openedAt: string;
        nextReminderAt?: string;
      };
    }
  | {
      readonly name: 'approval_timed_out';
      readonly data: {
        approvalId: string;
        gate: GateId;
        attempt: number;
        action: 'approve' | 'reject';
        afterSeconds: number;
        openedAt: string;
      };
    };

/** A message the decision causes; the edge turns each into an outbox row. */
export type Effect =
  | { readonly kind: 'dispatch'; readonly task: TaskOrder }
  | { readonly kind: 'cancel'; readonly taskId: string; readonly target: TaskTarget }
  | { readonly kind: 'event'; readonly event: WorkflowEvent };

/** Why an input changed nothing (or only recorded a late task's usage). */
export type IgnoredReason =
  | 'unknown_project'
  | 'duplicate_submission'
  | 'stale_result'
  | 'gate_not_open'
  | 'decision_not_applicable'
  | 'project_finished'
  | 'stage_not_in_workflow'
  | 'not_due';

/** The decider's answer: writes, messages, and whether the input was ignored. */
export interface Decision {
  readonly changes: readonly Change[];
  readonly effects: readonly Effect[];
  readonly ignored?: { readonly reason: IgnoredReason; readonly detail: string };
}
