import { RetryableError, STAGE_IDS } from '@agentbus/contracts';
import { type Workflow } from './workflow.dag';
import { withTopology, type WorkflowTopology } from './workflow-versions';

/**
 * A project runs a DAG version this orchestrator does not know (started by a newer deploy, or a
 * version removed too early). Retryable, so a replica that knows it can take the message during a
 * rolling deploy (the consumer's backoff spreads 8 deliveries over about a minute); then it is
 * dead-lettered with this reason. The project is never driven on a guessed DAG.
 */
export class UnknownWorkflowVersionError extends RetryableError {
  constructor(
    readonly projectId: string,
    readonly version: number,
    known: readonly number[],
  ) {
    super(
      `project ${projectId} runs workflow version ${version}, which this orchestrator does not know ` +
        `(it knows ${known.join(', ')}): deploy an orchestrator that has version ${version} in ` +
        'WORKFLOW_VERSIONS, then replay the dead-lettered messages',
    );
    this.name = 'UnknownWorkflowVersionError';
  }
}

/** Throws unless the stages list every stage id once, each after all of its dependencies. */
export function assertTopology(topology: WorkflowTopology): void {
  const ids = topology.stages.map((stage) => stage.id);
  const problems: string[] = [];
  const missing = STAGE_IDS.filter((id) => !ids.includes(id));
  if (missing.length > 0 || ids.length !== STAGE_IDS.length) {
    problems.push(`needs every stage exactly once (missing: ${missing.join(', ') || 'none'})`);
  }
  topology.stages.forEach((stage, index) => {
    const late = stage.after.filter((dependency) => !ids.slice(0, index).includes(dependency));
    if (late.length > 0) problems.push(`${stage.id} comes before ${late.join(', ')}`);
  });
  for (const gate of topology.gates) {
    if (!ids.includes(gate.after)) problems.push(`gate ${gate.id} follows no stage`);
  }
  if (problems.length > 0) {
    throw new Error(`workflow version ${topology.version}: ${problems.join('; ')}`);
  }
}

/**
 * The DAG versions this orchestrator drives, each with the configured retry policies: new
 * projects start on the newest, every other input runs on the version its project is pinned to.
 */
export class WorkflowCatalog {
  private readonly byVersion: ReadonlyMap<number, Workflow>;
  /** The version new projects start on. */
  readonly current: Workflow;

  constructor(configured: Workflow, topologies: readonly WorkflowTopology[]) {
    const byVersion = new Map<number, Workflow>();
    for (const topology of topologies) {
      assertTopology(topology);
      if (byVersion.has(topology.version)) {
        throw new Error(`workflow version ${topology.version} is listed twice`);
      }
      byVersion.set(topology.version, withTopology(configured, topology));
    }
    const newest = Math.max(...byVersion.keys());
    const current = byVersion.get(newest);
    if (current === undefined) throw new Error('no workflow version to start projects on');
    this.byVersion = byVersion;
    this.current = current;
  }

  get versions(): number[] {
    return [...this.byVersion.keys()].sort((a, b) => a - b);
  }

  /** The workflow of `version`; {@link UnknownWorkflowVersionError} if this process lacks it. */
  of(projectId: string, version: number): Workflow {
    const workflow = this.byVersion.get(version);
    if (workflow === undefined) {
      throw new UnknownWorkflowVersionError(projectId, version, this.versions);
    }
    return workflow;
  }
}
