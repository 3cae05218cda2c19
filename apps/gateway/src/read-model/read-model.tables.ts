import {
  ApprovalsV2,
  ArtifactsV1,
  EventsV1,
  GateTimersV1,
  LlmUsageV2,
  type NeededReadModel,
  ProjectRoutingV1,
  ProjectsV2,
  ProjectWorkspacesV1,
  type ReadModel,
  StagesV1,
} from '@agentbus/contracts';

/**
 * Qualified names of the read models the gateway reads (ADR 0005): the views the orchestrator and
 * the CPU worker publish in their schemas (ORCHESTRATOR_SCHEMA and WORKER_SCHEMA are validated
 * identifiers and view names come from the contracts, so interpolating them into SQL is safe).
 */
export class ReadModelTables {
  readonly projects: string;
  readonly stages: string;
  readonly approvals: string;
  readonly events: string;
  readonly artifacts: string;
  readonly llmUsage: string;
  readonly gateTimers: string;
  readonly projectRouting: string;
  readonly projectWorkspaces: string;
  /** Every view above with its schema, for the start-up check. */
  readonly needed: readonly NeededReadModel[];

  constructor(orchestratorSchema: string, workerSchema: string) {
    const needed: NeededReadModel[] = [];
    const at = (schema: string, model: ReadModel) => {
      needed.push({ schema, model });
      return `"${schema}"."${model.view}"`;
    };
    this.projects = at(orchestratorSchema, ProjectsV2);
    this.stages = at(orchestratorSchema, StagesV1);
    this.approvals = at(orchestratorSchema, ApprovalsV2);
    this.events = at(orchestratorSchema, EventsV1);
    this.artifacts = at(workerSchema, ArtifactsV1);
    this.llmUsage = at(workerSchema, LlmUsageV2);
    this.gateTimers = at(orchestratorSchema, GateTimersV1);
    this.projectRouting = at(orchestratorSchema, ProjectRoutingV1);
    this.projectWorkspaces = at(orchestratorSchema, ProjectWorkspacesV1);
    this.needed = needed;
  }
}
