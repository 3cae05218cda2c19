import {
  type CpuTaskRequestedV1,
  ProjectRequirementsV1,
  RetryableError,
  type StageId,
} from '@agentbus/contracts';
import { AGENTS, type InputArtifact, type PromptContext } from '@agentbus/agents';
import { type DataSource } from 'typeorm';
import { ArtifactStore } from '../artifacts/artifact.store';

/** The task's inputs its agent declares: a body the agent would not read is never loaded. */
function declaredInputs(task: CpuTaskRequestedV1['data']): CpuTaskRequestedV1['data']['inputs'] {
  const { inputs, optionalInputs } = AGENTS[task.agent];
  const reads = new Set<StageId>([...inputs, ...optionalInputs]);
  return task.inputs.filter((input) => reads.has(input.stage));
}

/**
 * Builds an agent's prompt context for a task: the project's requirements (from the orchestrator's
 * `project_requirements_v1` view, ADR 0005: large bodies never travel on the bus), the input
 * artifacts its agent declares, by reference, and the previous version plus comment for a revision.
 */
export async function loadTaskContext(
  dataSource: DataSource,
  orchestratorSchema: string,
  task: CpuTaskRequestedV1['data'],
): Promise<PromptContext> {
  const rows: unknown[] = await dataSource.query(
    `SELECT id, name, requirements FROM "${orchestratorSchema}".${ProjectRequirementsV1.view}
     WHERE id = $1`,
    [task.projectId],
  );
  if (rows[0] === undefined) {
    throw new RetryableError(`project ${task.projectId} is not visible yet`);
  }
  const project = ProjectRequirementsV1.row.parse(rows[0]);
  const declared = declaredInputs(task);
  const refs = declared.map((input) => input.artifact);
  if (task.revision) refs.push(task.revision.previous);
  const bodies = await new ArtifactStore(dataSource.manager).load(refs);
  const inputs = new Map<StageId, InputArtifact>();
  for (const input of declared) {
    const stored = bodies.get(input.artifact.id);
    if (stored) {
      inputs.set(input.stage, {
        format: stored.ref.format,
        body: stored.body,
        version: stored.ref.version,
      });
    }
  }
  const previous = task.revision && bodies.get(task.revision.previous.id);
  return {
    projectName: project.name,
    requirements: project.requirements,
    inputs,
    ...(task.revision && previous
      ? { revision: { comment: task.revision.comment, previousBody: previous.body } }
      : {}),
    memory: [],
    skills: [],
  };
}
