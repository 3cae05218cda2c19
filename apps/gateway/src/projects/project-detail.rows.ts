import {
  ApprovalsV2,
  DbNumber,
  DbTimestamp,
  GateTimersV1,
  LlmUsageV2,
  ProjectRoutingV1,
  ProjectsV2,
  StagesV1,
} from '@agentbus/contracts';
import { z } from 'zod';

/** The project columns the detail shows (the view has no requirements, never shown). */
export const ProjectRow = ProjectsV2.row;
export type ProjectRow = z.infer<typeof ProjectRow>;

export const StageRow = StagesV1.row.omit({ project_id: true });
export type StageRow = z.infer<typeof StageRow>;

export const ApprovalRow = ApprovalsV2.row.omit({ project_id: true });
export type ApprovalRow = z.infer<typeof ApprovalRow>;

/** `llm_usage_v2` summed per stage. */
export const UsageRow = z.object({
  stage: LlmUsageV2.row.shape.stage,
  input_tokens: DbNumber,
  cache_read_tokens: DbNumber,
  cache_write_tokens: DbNumber,
  output_tokens: DbNumber,
  cost_usd: DbNumber,
  calls: DbNumber,
});
export type UsageRow = z.infer<typeof UsageRow>;

/** A decision the gateway accepted (its own `decisions`), shown until the orchestrator applies it. */
export const DecisionRow = z.object({
  approval_id: z.string(),
  decision: z.string(),
  comment: z.string().nullable(),
  decided_by: z.string(),
  created_at: DbTimestamp,
});
export type DecisionRow = z.infer<typeof DecisionRow>;

/** The timeout of a gate opening that has one (`gate_timers_v1`). */
export const GateTimerRow = GateTimersV1.row.omit({ project_id: true });
export type GateTimerRow = z.infer<typeof GateTimerRow>;

/** The forecast made when the project was submitted (the gateway's `project_forecasts`). */
export const ForecastRow = z.object({
  requirements_chars: z.number().int(),
  based_on_projects: z.number().int(),
  forecast: z.object({
    stages: z.array(
      z.object({
        stage: z.string(),
        inputTokens: z.number(),
        outputTokens: z.number(),
        costUsd: z.number(),
      }),
    ),
    total: z.object({ inputTokens: z.number(), outputTokens: z.number(), costUsd: z.number() }),
  }),
  created_at: DbTimestamp,
  reconciled_at: DbTimestamp.nullable(),
  final_state: z.string().nullable(),
  actual_cost_usd: DbNumber.nullable(),
});
export type ForecastRow = z.infer<typeof ForecastRow>;

/** The one row the detail query returns: the project with its parts aggregated as JSON. */
export const ProjectDetailRow = ProjectRow.extend({
  stages: z.array(StageRow),
  approvals: z.array(ApprovalRow),
  usage: z.array(UsageRow),
  decisions: z.array(DecisionRow),
  gate_timers: z.array(GateTimerRow),
  routing: ProjectRoutingV1.row.shape.routing,
  forecast: ForecastRow.nullable(),
});

/** The ML routing decided on submit; null for projects older than routing. */
export type RoutingRow = z.infer<typeof ProjectRoutingV1.row.shape.routing>;

/** Everything read for one project, from one statement (one snapshot). */
export interface ProjectDetailRows {
  readonly project: ProjectRow;
  readonly stages: readonly StageRow[];
  readonly approvals: readonly ApprovalRow[];
  readonly usage: readonly UsageRow[];
  readonly decisions: readonly DecisionRow[];
  readonly gateTimers: readonly GateTimerRow[];
  readonly routing: RoutingRow;
  readonly forecast: ForecastRow | null;
}
