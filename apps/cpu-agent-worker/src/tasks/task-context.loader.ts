import {
  type CpuTaskRequestedV1,
  GpuArtifactsV1,
  pipelineStage,
  ProjectRequirementsV1,
  RetryableError,
  StagesV1,
  type StageId,
} from '@agentbus/contracts';
import { AGENTS, type InputArtifact, type PromptContext } from '@agentbus/agents';
import { queryAll, type SqlStatement } from '@agentbus/persistence';
import { type DataSource } from 'typeorm';
import { ArtifactStore } from '../artifacts/artifact.store';
import { LlmCallStore, type RecordedCall } from '../llm-calls/llm-call.store';
import { MemoryLookupStore } from '../memory/memory-lookup.store';
import { type TaskMemory } from '../memory/memory-used';

/** What a task reads before it runs: the prompt context and the calls its attempt already paid for. */
export interface TaskInputs {
  readonly context: PromptContext;
  readonly recordedCalls: ReadonlyMap<number, RecordedCall>;
  /** What memory answered this attempt before, if it asked (a redelivery reuses it). */
  readonly recordedMemory: TaskMemory | undefined;
  /** Why the attempt must not run (the orchestrator moved on, or its deadline passed), if so. */
  readonly stale: string | undefined;
}

/**
 * Whether the orchestrator still waits for this attempt: its stage is at this attempt and in flight
 * (a timed-out, cancelled, restarted or already finished attempt is not), within its deadline.
 */
export function staleReason(
  task: CpuTaskRequestedV1['data'],
  stage: { attempt: number; state: string } | undefined,
  now = Date.now(),
): string | undefined {
  if (stage === undefined) return `stage ${task.stage} is not visible`;
  if (stage.attempt !== task.attempt) {
    return `stage ${task.stage} is at attempt ${stage.attempt}, not ${task.attempt}`;
  }
  if (stage.state !== 'dispatched' && stage.state !== 'running') {
    return `stage ${task.stage} is ${stage.state}`;
  }
  if (Date.parse(task.deadlineAt) <= now) return `attempt ${task.attempt} passed its deadline`;
  return undefined;
}

/** The gpu-job-controller's default schema (GPU_SCHEMA sets another). */
export const GPU_CONTROLLER_SCHEMA = 'gpu_controller';

/**
 * Input artifacts a GPU job stored (`ml_feasibility`): not in the worker's own table, read from
 * the controller's `gpu_artifacts_v1` view. Only asked when such an input is missing locally, so
 * projects without GPU work never touch the view.
 */
async function gpuArtifactRows(
  dataSource: DataSource,
  gpuSchema: string,
  refs: readonly CpuTaskRequestedV1['data']['inputs'][number][],
  found: readonly Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const have = new Set(found.map((row) => row['id']));
  const ids = refs
    .filter((input) => pipelineStage(input.stage).target === 'gpu' && !have.has(input.artifact.id))
    .map((input) => input.artifact.id);
  if (ids.length === 0) return [];
  const statement: SqlStatement = {
    sql: `SELECT id, version, sha256, format, body FROM "${gpuSchema}".${GpuArtifactsV1.view}
          WHERE id = ANY($1::uuid[])`,
    params: [ids],
  };
  try {
    return await dataSource.query(statement.sql, statement.params);
  } catch (error) {
    throw new RetryableError(
      `GPU results are not readable (${gpuSchema}.${GpuArtifactsV1.view}): is the gpu-job-controller migrated?`,
      { cause: error },
    );
  }
}

/** The task's inputs its agent declares: a body the agent would not read is never loaded. */
function declaredInputs(task: CpuTaskRequestedV1['data']): CpuTaskRequestedV1['data']['inputs'] {
  const { inputs, optionalInputs } = AGENTS[task.agent];
  const reads = new Set<StageId>([...inputs, ...optionalInputs]);
  return task.inputs.filter((input) => reads.has(input.stage));
}

/**
 * Builds an agent's prompt context for a task: the project's requirements (from the orchestrator's
 * `project_requirements_v1` view, ADR 0005: large bodies never travel on the bus), the input
 * artifacts its agent declares, by reference, and the previous version plus comment for a revision;
 * with them, in the same round trip, the LLM calls and the memory answer this attempt already
 * recorded.
 */
export async function loadTaskContext(
  dataSource: DataSource,
  orchestratorSchema: string,
  task: CpuTaskRequestedV1['data'],
  gpuSchema = GPU_CONTROLLER_SCHEMA,
): Promise<TaskInputs> {
  const declared = declaredInputs(task);
  const refs = declared.map((input) => input.artifact);
  if (task.revision) refs.push(task.revision.previous);
  const [rows = [], artifactRows = [], callRows = [], stageRows = [], memoryRows = []] =
    await queryAll(dataSource, [
      {
        sql: `SELECT id, name, requirements FROM "${orchestratorSchema}".${ProjectRequirementsV1.view}
            WHERE id = $1`,
        params: [task.projectId],
      },
      refs.length > 0 ? ArtifactStore.bodiesOf(refs) : { sql: 'SELECT NULL WHERE false' },
      LlmCallStore.attemptCalls(task),
      {
        sql: `SELECT attempt, state FROM "${orchestratorSchema}".${StagesV1.view}
            WHERE project_id = $1 AND stage = $2`,
        params: [task.projectId, task.stage],
      },
      MemoryLookupStore.attemptLookup(task),
    ]);
  if (rows[0] === undefined) {
    throw new RetryableError(`project ${task.projectId} is not visible yet`);
  }
  const project = ProjectRequirementsV1.row.parse(rows[0]);
  const gpuRows = await gpuArtifactRows(dataSource, gpuSchema, declared, artifactRows);
  const bodies = ArtifactStore.checked(refs, [...artifactRows, ...gpuRows]);
  const inputs = new Map<StageId, InputArtifact>();
  for (const input of declared) {
    const stored = bodies.get(input.artifact.id);
    if (stored) {
      inputs.set(input.stage, {
        format: stored.ref.format,
        body: stored.body,
        version: stored.ref.version,
        ...(stored.digest === undefined ? {} : { digest: stored.digest }),
      });
    }
  }
  const previous = task.revision && bodies.get(task.revision.previous.id);
  const context: PromptContext = {
    projectName: project.name,
    requirements: project.requirements,
    inputs,
    ...(task.revision && previous
      ? { revision: { comment: task.revision.comment, previousBody: previous.body } }
      : {}),
    memory: [],
    skills: [],
  };
  const stage = stageRows[0] as { attempt: number; state: string } | undefined;
  return {
    context,
    recordedCalls: LlmCallStore.byStep(callRows),
    recordedMemory: MemoryLookupStore.recordedIn(memoryRows),
    stale: staleReason(task, stage),
  };
}
