import { PIPELINE, type PipelineStage } from '@agentbus/contracts';
import { WORKFLOW_V1, type WorkflowTopology } from '../../src/workflow/workflow-versions';
import { useOrchestratorStack } from '../support/orchestrator-stack';

/** The DAG a later deploy brings: feature_tree is dropped, plan follows the PRD directly. */
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

/** Projects stay on the DAG version they started on across a deploy that changes the DAG. */
describe('pinned workflow versions (real NATS and Postgres)', () => {
  const stack = useOrchestratorStack({ workflowVersions: [WORKFLOW_V1] });

  const stagesRun = (projectId: string) =>
    stack.worker.tasksOf(projectId).map((seen) => seen.task.stage);

  it('keeps a project waiting at a gate on its version while a new project uses the new DAG', async () => {
    const before = await stack.client.submit();
    await stack.client.openGate(before);
    const [pinned] = await stack.client.rows('projects', before, '', 'id');
    expect(pinned).toMatchObject({ workflow_version: 1, state: 'waiting_approval' });

    // The deploy: the orchestrator restarts knowing a second DAG version, the newest.
    await stack.restartOrchestrator([WORKFLOW_V1, V2]);

    const after = await stack.client.submit();
    await stack.client.approveNextGate(after);
    await stack.client.approveNextGate(before);
    const [done, doneAfter] = await Promise.all([
      stack.client.waitForState(before, 'completed'),
      stack.client.waitForState(after, 'completed'),
    ]);
    expect(done['workflow_version']).toBe(1);
    expect(doneAfter['workflow_version']).toBe(2);

    expect(stagesRun(before).slice(0, 3)).toEqual(['prd', 'feature_tree', 'plan']);
    expect(stagesRun(after).slice(0, 2)).toEqual(['prd', 'plan']);
    expect(stagesRun(after)).not.toContain('feature_tree');
    const [skipped] = await stack.client.rows('stages', after, `AND stage = 'feature_tree'`);
    expect(skipped?.['state']).toBe('skipped');
    const plan = stack.worker.tasksOf(after).find((seen) => seen.task.stage === 'plan');
    expect(plan?.task.inputs.map((input) => input.stage)).toEqual(['prd']);
  });

  it('never drives a project on a version it does not know: the decision waits, unapplied', async () => {
    const projectId = await stack.client.submit();
    const gate = await stack.client.openGate(projectId);
    await stack.client.execute('UPDATE projects SET workflow_version = 99 WHERE id = $1', [
      projectId,
    ]);
    await stack.client.decide(projectId, gate, 'approve');

    // Meanwhile other projects move: the orchestrator is not stuck on the unknown one.
    const other = await stack.client.submit({ prd_approval: false, delivery_approval: false });
    await stack.client.waitForState(other, 'completed');
    const [project] = await stack.client.rows('projects', projectId, '', 'id');
    const [approval] = await stack.client.rows('approvals', projectId);
    expect(project).toMatchObject({ state: 'waiting_approval', workflow_version: 99 });
    expect(approval).toMatchObject({ state: 'open', decided_by: null });
    expect(stagesRun(projectId)).toEqual(['prd']);
  });
});
