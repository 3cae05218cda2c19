/** Rows the detail view is built from, as node-postgres returns them (bigint/numeric as strings). */
export interface ProjectRow {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly failure_cause: string | null;
  readonly failed_stage: string | null;
  readonly submitted_by: string;
  readonly options: unknown;
  readonly budget: { maxTokens?: number; maxCostUsd?: number } | null;
  readonly tokens_used: string;
  readonly cost_usd: string;
  readonly tokens_reserved: string;
  readonly cost_reserved_usd: string;
  readonly created_at: Date;
  readonly updated_at: Date;
  readonly completed_at: Date | null;
}

export interface StageRow {
  readonly stage: string;
  readonly state: string;
  readonly attempt: number;
  readonly failures: number;
  readonly target: string | null;
  readonly started_at: Date | null;
  readonly finished_at: Date | null;
  readonly next_attempt_at: Date | null;
  readonly artifact: { version?: unknown } | null;
  readonly last_error: unknown;
}

export interface ApprovalRow {
  readonly id: string;
  readonly gate: string;
  readonly attempt: number;
  readonly stage: string | null;
  readonly state: string;
  readonly reason: string | null;
  readonly decision: string | null;
  readonly comment: string | null;
  readonly decided_by: string | null;
  readonly decided_at: Date | null;
  readonly opened_at: Date;
}

export interface UsageRow {
  readonly stage: string;
  readonly input_tokens: string;
  readonly output_tokens: string;
  readonly cost_usd: string;
  readonly calls: string;
}

/** A decision the gateway accepted (`decisions`), shown until the orchestrator applies it. */
export interface DecisionRow {
  readonly approval_id: string;
  readonly decision: string;
  readonly comment: string | null;
  readonly decided_by: string;
  readonly created_at: Date;
}

/** Everything read for one project, from one snapshot. */
export interface ProjectDetailRows {
  readonly project: ProjectRow;
  readonly stages: readonly StageRow[];
  readonly approvals: readonly ApprovalRow[];
  readonly usage: readonly UsageRow[];
  readonly decisions: readonly DecisionRow[];
}
