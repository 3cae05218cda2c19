import { deleteNamespaceStreams, eventually, natsUrl, testNamespace } from '@agentbus/testing';
import { FakeWorker } from '../support/fake-worker';
import { type RunningOrchestrator, startOrchestrator } from '../support/orchestrator';
import { TestClient } from '../support/test-client';

/**
 * A project's template and the patterns reviewers exclude on restart are kept on its row and put
 * on every later CPU task (the worker passes them to memory).
 */
describe('memory choices on tasks (real NATS and Postgres)', () => {
  const namespace = testNamespace();
  const schema = `${namespace}_orch`;
  let orchestrator: RunningOrchestrator;
  let worker: FakeWorker;
  let client: TestClient;

  beforeAll(async () => {
    orchestrator = await startOrchestrator(namespace, schema);
    worker = await FakeWorker.start(namespace, () => ({ kind: 'succeed' }));
    client = await TestClient.start(namespace, schema);
  });

  afterAll(async () => {
    await worker?.stop();
    await orchestrator?.close();
    await client?.dropSchema();
    await client?.close();
    await deleteNamespaceStreams(await natsUrl(), namespace);
  });

  it('sends the template on tasks, and after a restart the excluded patterns too', async () => {
    const projectId = await client.submitWithTemplate('template-rest-api');
    await client.openGate(projectId);
    const prdTasks = () => worker.tasksOf(projectId).filter((seen) => seen.task.stage === 'prd');
    expect(prdTasks().map((seen) => seen.task.memory)).toEqual([
      { templateId: 'template-rest-api' },
    ]);

    await client.restart(projectId, 'prd', ['artifact-bad']);
    await eventually(async () => expect(prdTasks()).toHaveLength(2));
    expect(prdTasks()[1]?.task).toMatchObject({
      attempt: 2,
      memory: { templateId: 'template-rest-api', excludePatternIds: ['artifact-bad'] },
    });
    const [project] = await client.rows('projects', projectId, '', 'id');
    expect(project?.['memory']).toEqual({
      templateId: 'template-rest-api',
      excludePatternIds: ['artifact-bad'],
    });

    // The exclusion is the project's: the tasks after the gate carry it without being asked again.
    await client.approveNextGate(projectId);
    await eventually(async () =>
      expect(worker.tasksOf(projectId).some((seen) => seen.task.stage === 'feature_tree')).toBe(
        true,
      ),
    );
    const featureTree = worker
      .tasksOf(projectId)
      .find((seen) => seen.task.stage === 'feature_tree');
    expect(featureTree?.task.memory).toEqual({
      templateId: 'template-rest-api',
      excludePatternIds: ['artifact-bad'],
    });
  }, 120_000);
});
