/**
 * Qualified names of the tables the gateway reads but never writes: the orchestrator's workflow
 * state and the CPU worker's artifacts and LLM calls (schemas from ORCHESTRATOR_SCHEMA and
 * WORKER_SCHEMA, validated identifiers, so interpolating them into SQL is safe).
 */
export class ReadModelTables {
  readonly projects: string;
  readonly stages: string;
  readonly approvals: string;
  readonly events: string;
  readonly artifacts: string;
  readonly llmCalls: string;

  constructor(orchestratorSchema: string, workerSchema: string) {
    const orchestrator = (table: string) => `"${orchestratorSchema}"."${table}"`;
    const worker = (table: string) => `"${workerSchema}"."${table}"`;
    this.projects = orchestrator('projects');
    this.stages = orchestrator('stages');
    this.approvals = orchestrator('approvals');
    this.events = orchestrator('events');
    this.artifacts = worker('artifacts');
    this.llmCalls = worker('llm_calls');
  }
}
