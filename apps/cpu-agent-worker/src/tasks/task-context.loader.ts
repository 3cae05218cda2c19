import { type CpuTaskRequestedV1, RetryableError, type StageId } from '@agentbus/contracts';
import { type InputArtifact, type PromptContext } from '@agentbus/agents';
import { type DataSource } from 'typeorm';
import { ArtifactStore } from '../artifacts/artifact.store';

/**
 * Builds an agent's prompt context for a task: the project's requirements (read-only from the
 * orchestrator's schema: large bodies never travel on the bus), the input artifacts by reference,
 * and the previous version plus comment for a revision.
 */
export async function loadTaskContext(
  dataSource: DataSource,
  orchestratorSchema: string,
  task: CpuTaskRequestedV1['data'],
): Promise<PromptContext> {
  const projects: { name: string; requirements: string }[] = await dataSource.query(
    `SELECT name, requirements FROM "${orchestratorSchema}".projects WHERE id = $1`,
    [task.projectId],
  );
  const project = projects[0];
  if (!project) throw new RetryableError(`project ${task.projectId} is not visible yet`);
  const refs = task.inputs.map((input) => input.artifact);
  if (task.revision) refs.push(task.revision.previous);
  const bodies = await new ArtifactStore(dataSource.manager).load(refs);
  const inputs = new Map<StageId, InputArtifact>();
  for (const input of task.inputs) {
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
