import { z } from 'zod';
import { GateId, ProjectState, StageId, StageState } from '../workflow/stages';
import { defineReadModel } from './read-model';

/** A timestamp as node-postgres returns it (Date) or as it appears inside JSON (ISO string). */
export const DbTimestamp = z.coerce.date();
/** A bigint/numeric column: node-postgres returns a string, JSON a number. */
export const DbNumber = z.coerce.number();

/** A project without its requirements (which can be 200 000 characters): lists and details. */
export const ProjectsV1 = defineReadModel({
  owner: 'master-orchestrator',
  name: 'projects',
  version: 1,
  row: z.object({
    id: z.string(),
    name: z.string(),
    state: ProjectState,
    failure_cause: z.string().nullable(),
    failed_stage: z.string().nullable(),
    submitted_by: z.string(),
    options: z.unknown(),
    budget: z.object({ maxTokens: z.number(), maxCostUsd: z.number() }).partial().nullable(),
    tokens_used: DbNumber,
    cost_usd: DbNumber,
    tokens_reserved: DbNumber,
    cost_reserved_usd: DbNumber,
    /** Grows with every change of the project. */
    version: z.number().int(),
    created_at: DbTimestamp,
    updated_at: DbTimestamp,
    completed_at: DbTimestamp.nullable(),
  }),
});
export type ProjectsV1Row = z.infer<typeof ProjectsV1.row>;

/** What an agent is asked to work from: the project's name and requirements. */
export const ProjectRequirementsV1 = defineReadModel({
  owner: 'master-orchestrator',
  name: 'project_requirements',
  version: 1,
  row: z.object({ id: z.string(), name: z.string(), requirements: z.string() }),
});
export type ProjectRequirementsV1Row = z.infer<typeof ProjectRequirementsV1.row>;

/** One stage of a project, its current attempt. */
export const StagesV1 = defineReadModel({
  owner: 'master-orchestrator',
  name: 'stages',
  version: 1,
  row: z.object({
    project_id: z.string(),
    stage: StageId,
    state: StageState,
    attempt: z.number().int(),
    failures: z.number().int(),
    target: z.string().nullable(),
    started_at: DbTimestamp.nullable(),
    finished_at: DbTimestamp.nullable(),
    next_attempt_at: DbTimestamp.nullable(),
    /** The stage's latest artifact reference (`ArtifactRef`), null before its first success. */
    artifact: z.looseObject({ version: z.number().optional() }).nullable(),
    last_error: z.unknown(),
  }),
});
export type StagesV1Row = z.infer<typeof StagesV1.row>;

/** One opening of a gate (a gate re-opened after "request changes" is a new attempt). */
export const ApprovalsV1 = defineReadModel({
  owner: 'master-orchestrator',
  name: 'approvals',
  version: 1,
  row: z.object({
    id: z.string(),
    project_id: z.string(),
    gate: GateId,
    attempt: z.number().int(),
    stage: z.string().nullable(),
    state: z.string(),
    reason: z.string().nullable(),
    decision: z.string().nullable(),
    comment: z.string().nullable(),
    decided_by: z.string().nullable(),
    decided_at: DbTimestamp.nullable(),
    opened_at: DbTimestamp,
  }),
});
export type ApprovalsV1Row = z.infer<typeof ApprovalsV1.row>;

/** The per-project audit log; `seq` orders a project's events (the SSE event id). */
export const EventsV1 = defineReadModel({
  owner: 'master-orchestrator',
  name: 'events',
  version: 1,
  row: z.object({
    seq: z.coerce.string(),
    id: z.string(),
    project_id: z.string(),
    type: z.string(),
    data: z.unknown(),
    created_at: DbTimestamp,
  }),
});
export type EventsV1Row = z.infer<typeof EventsV1.row>;

/**
 * `projects_v1` plus the workflow (DAG) version the project was started on and is driven on to the
 * end: an orchestrator deploy with a new DAG leaves running projects on theirs.
 */
export const ProjectsV2 = defineReadModel({
  owner: 'master-orchestrator',
  name: 'projects',
  version: 2,
  row: ProjectsV1.row.extend({ workflow_version: z.number().int().positive() }),
});
export type ProjectsV2Row = z.infer<typeof ProjectsV2.row>;

/**
 * `approvals_v1` plus supersession: a restart from a stage at or before the gated one supersedes
 * the gate's approval (or open request) and the gate asks again when the project reaches it.
 * `superseded_by` is the id of the restart command (the gateway's command message id).
 */
export const ApprovalsV2 = defineReadModel({
  owner: 'master-orchestrator',
  name: 'approvals',
  version: 2,
  row: ApprovalsV1.row.extend({
    superseded_at: DbTimestamp.nullable(),
    superseded_by: z.string().nullable(),
  }),
});
export type ApprovalsV2Row = z.infer<typeof ApprovalsV2.row>;

/**
 * Where a project's ML work runs, decided on submit by the ML detector (`routing.decided`): the
 * target, whether `ml_feasibility` runs and why, the score, workload types, matched signals and
 * resources. `routing` is null for projects submitted before routing existed.
 */
export const ProjectRoutingV1 = defineReadModel({
  owner: 'master-orchestrator',
  name: 'project_routing',
  version: 1,
  row: z.object({
    id: z.string(),
    routing: z
      .object({
        target: z.enum(['cpu', 'gpu']),
        runMlFeasibility: z.boolean(),
        reason: z.string(),
        detection: z.object({
          score: z.number(),
          isMl: z.boolean(),
          workloads: z.array(z.object({ type: z.string(), confidence: z.number() })),
          signals: z.array(
            z.object({
              rule: z.string(),
              workload: z.string(),
              weight: z.number(),
              text: z.string(),
              negated: z.boolean(),
            }),
          ),
          resources: z
            .object({
              gpus: z.number(),
              gpuType: z.string(),
              gpuMemoryGi: z.number(),
              cpu: z.number(),
              memoryGi: z.number(),
            })
            .optional(),
        }),
      })
      .nullable(),
  }),
});
export type ProjectRoutingV1Row = z.infer<typeof ProjectRoutingV1.row>;

/**
 * The workspace (tenant) a project belongs to, as its submission carried it. `workspace` is null
 * for projects submitted before the orchestrator recorded it: readers fall back to their own
 * record or `default`.
 */
export const ProjectWorkspacesV1 = defineReadModel({
  owner: 'master-orchestrator',
  name: 'project_workspaces',
  version: 1,
  row: z.object({ id: z.string(), workspace: z.string().nullable() }),
});
export type ProjectWorkspacesV1Row = z.infer<typeof ProjectWorkspacesV1.row>;

/** The views of the first read-model migration (1764900000000), as it published them. */
export const ORCHESTRATOR_READ_MODELS_V1 = [
  ProjectsV1,
  ProjectRequirementsV1,
  StagesV1,
  ApprovalsV1,
  EventsV1,
] as const;

/** Every view the orchestrator publishes. */
export const ORCHESTRATOR_READ_MODELS = [
  ...ORCHESTRATOR_READ_MODELS_V1,
  ProjectsV2,
  ApprovalsV2,
  ProjectRoutingV1,
  ProjectWorkspacesV1,
] as const;
