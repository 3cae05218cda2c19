import { eventually } from '@agentbus/testing';
import { useOrchestratorStack } from '../support/orchestrator-stack';

/**
 * A project's template and the patterns reviewers exclude on restart are kept on its row and put
 * on every later CPU task (the worker passes them to memory).
 */
describe('memory choices on tasks (real NATS and Postgres)', () => {
  const stack = useOrchestratorStack();

  it('sends the template on tasks, and after a restart the excluded patterns too', async () => {
    const projectId = await stack.client.submitWithTemplate('template-rest-api');
    await stack.client.openGate(projectId);
    const prdTasks = () =>
      stack.worker.tasksOf(projectId).filter((seen) => seen.task.stage === 'prd');
    expect(prdTasks().map((seen) => seen.task.memory)).toEqual([
      { templateId: 'template-rest-api' },
    ]);

    await stack.client.restart(projectId, 'prd', ['artifact-bad']);
    await eventually(async () => expect(prdTasks()).toHaveLength(2));
    expect(prdTasks()[1]?.task).toMatchObject({
      attempt: 2,
      memory: { templateId: 'template-rest-api', excludePatternIds: ['artifact-bad'] },
    });
    const [project] = await stack.client.rows('projects', projectId, '', 'id');
    expect(project?.['memory']).toEqual({
      templateId: 'template-rest-api',
      excludePatternIds: ['artifact-bad'],
    });

    // The exclusion is the project's: the tasks after the gate carry it without being asked again.
    await stack.client.approveNextGate(projectId);
    await eventually(async () =>
      expect(
        stack.worker.tasksOf(projectId).some((seen) => seen.task.stage === 'feature_tree'),
      ).toBe(true),
    );
    const featureTree = stack.worker
      .tasksOf(projectId)
      .find((seen) => seen.task.stage === 'feature_tree');
    expect(featureTree?.task.memory).toEqual({
      templateId: 'template-rest-api',
      excludePatternIds: ['artifact-bad'],
    });
  }, 120_000);
});
