import { randomUUID } from 'node:crypto';
import { type DataOf, ProjectSubmittedV1, ProjectWorkspacesV1 } from '@agentbus/contracts';
import { type Bus, connectBus, Publisher } from '@agentbus/messaging';
import { deleteNamespaceStreams, eventually, natsUrl, testNamespace } from '@agentbus/testing';
import { type RunningOrchestrator, startOrchestrator } from '../support/orchestrator';
import { TestClient } from '../support/test-client';

/** A project's workspace, from its submission to the orchestrator's `project_workspaces_v1`. */
describe('project workspace (real NATS and Postgres)', () => {
  const namespace = testNamespace();
  const schema = `${namespace}_orch`;
  let orchestrator: RunningOrchestrator | undefined;
  let client: TestClient;
  let bus: Bus;

  beforeAll(async () => {
    orchestrator = await startOrchestrator(namespace, schema);
    client = await TestClient.start(namespace, schema);
    bus = await connectBus({ servers: await natsUrl(), name: 'workspace-it', namespace });
  });

  afterAll(async () => {
    await bus?.close();
    await orchestrator?.close();
    await client?.dropSchema();
    await client?.close();
    await deleteNamespaceStreams(await natsUrl(), namespace);
  });

  const submit = async (workspace?: string): Promise<string> => {
    const projectId = randomUUID();
    const data: DataOf<typeof ProjectSubmittedV1> = {
      projectId,
      name: `ws ${projectId.slice(0, 8)}`,
      requirements: 'A todo app with offline sync.',
      options: { gates: { prd_approval: true, delivery_approval: false } },
      submittedBy: 'integration-test',
      ...(workspace === undefined ? {} : { workspace }),
    };
    await new Publisher(bus).publish(ProjectSubmittedV1, data, {
      source: 'workspace-it',
      correlationId: projectId,
    });
    return projectId;
  };
  /** The project's row of the view, once the orchestrator has created the project. */
  const published = (projectId: string) =>
    eventually(async () => {
      const rows = await client.rows(ProjectWorkspacesV1.view, projectId, '', 'id');
      if (rows.length === 0) throw new Error(`project ${projectId} is not created yet`);
      return rows;
    });

  it("stores the submission's workspace on the project and publishes it as project_workspaces_v1", async () => {
    const projectId = await submit('team-a');
    expect(await published(projectId)).toEqual([{ id: projectId, workspace: 'team-a' }]);
    const [row] = await client.rows('projects', projectId, '', 'id');
    expect(row?.['workspace']).toBe('team-a');
  });

  it('keeps workspace null for a submission without one (an older gateway): readers fall back', async () => {
    const projectId = await submit();
    expect(await published(projectId)).toEqual([{ id: projectId, workspace: null }]);
  });
});
