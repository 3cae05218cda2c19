import { PIPELINE, type PipelineStage } from '@agentbus/contracts';
import { outcomeOf } from '@agentbus/messaging';
import { PROJECT_ID, T0, TEST_WORKFLOW, aSubmission } from '../../test/support/workflow-sim';
import { decide } from './workflow.decider';
import { UnknownWorkflowVersionError, WorkflowCatalog } from './workflow-catalog';
import { WORKFLOW_V1, type WorkflowTopology } from './workflow-versions';

/** A second DAG: feature_tree skipped, plan straight after the PRD. */
const V2: WorkflowTopology = {
  version: 2,
  stages: PIPELINE.map((stage): PipelineStage =>
    stage.id === 'feature_tree'
      ? { ...stage, skipped: true }
      : stage.id === 'plan'
        ? { ...stage, after: ['prd'], inputs: ['prd'] }
        : stage,
  ),
  gates: WORKFLOW_V1.gates,
};

describe(WorkflowCatalog.name, () => {
  const sut = new WorkflowCatalog(TEST_WORKFLOW, [WORKFLOW_V1, V2]);

  it('starts new projects on the newest version, with the configured retry policies', () => {
    expect(sut.current.version).toBe(2);
    expect(sut.versions).toEqual([1, 2]);
    const plan = sut.current.stages.find((stage) => stage.id === 'plan');
    expect(plan).toMatchObject({ after: ['prd'], retry: TEST_WORKFLOW.stages[0]?.retry });
    expect(sut.current.estimate).toBe(TEST_WORKFLOW.estimate);
  });

  it('gives each project the version it is pinned to', () => {
    expect(sut.of(PROJECT_ID, 1).stages.map(({ id, after }) => [id, after])).toEqual(
      TEST_WORKFLOW.stages.map(({ id, after }) => [id, after]),
    );
    const started = decide(
      undefined,
      { kind: 'submitted', project: aSubmission() },
      T0,
      sut.current,
    );
    expect(started.changes[0]).toMatchObject({
      kind: 'insert_project',
      project: { workflowVersion: 2 },
    });
  });

  it('refuses a version it does not know, naming it, what it knows and what to do', () => {
    expect(() => sut.of(PROJECT_ID, 7)).toThrow(UnknownWorkflowVersionError);
    expect(() => sut.of(PROJECT_ID, 7)).toThrow(
      `project ${PROJECT_ID} runs workflow version 7, which this orchestrator does not know (it knows 1, 2): deploy an orchestrator that has version 7`,
    );
  });

  it('retries an unknown version, then dead-letters it with the reason', () => {
    const error = new UnknownWorkflowVersionError(PROJECT_ID, 7, [1]);
    const policy = { maxDeliver: 8, backoffMs: 500, maxBackoffMs: 60_000 };
    expect(outcomeOf(error, 1, policy).kind).toBe('nak');
    expect(outcomeOf(error, 8, policy)).toMatchObject({
      kind: 'dead-letter',
      errorName: 'UnknownWorkflowVersionError',
      reason: expect.stringContaining('runs workflow version 7'),
    });
  });

  it.each([
    [
      'a stage missing',
      { stages: PIPELINE.slice(1) },
      'needs every stage exactly once (missing: prd)',
    ],
    [
      'a stage before its dependency',
      { stages: [...PIPELINE].reverse() },
      'delivery comes before pm_review',
    ],
    ['a version listed twice', { version: 1 }, 'workflow version 1 is listed twice'],
  ])('refuses a catalog with %s', (_, change, message) => {
    const broken = { ...WORKFLOW_V1, version: 3, ...change };
    expect(() => new WorkflowCatalog(TEST_WORKFLOW, [WORKFLOW_V1, broken])).toThrow(message);
  });
});
