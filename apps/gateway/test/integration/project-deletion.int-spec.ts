import { randomUUID } from 'node:crypto';
import {
  createEnvelope,
  ProjectDataDeletedV1,
  ProjectDeletionRequestedV1,
  type AppName,
  handlersOf,
} from '@agentbus/contracts';
import { connectBus, type Bus, Publisher } from '@agentbus/messaging';
import { deleteProjectData, type DeleteProjectDataOptions } from '@agentbus/persistence';
import { eventually } from '@agentbus/testing';
import { messagesOn } from '../support/bus-commands';
import { type Gateway, outboxDrained, startGateway } from '../support/gateway-harness';
import {
  givenApproval,
  givenArtifact,
  givenEvent,
  givenLlmCall,
  givenProject,
  givenProjectState,
  givenStage,
} from '../support/read-model-rows';

interface DeletionView {
  projectId: string;
  state: 'deleting' | 'deleted';
  requestedBy: string;
  completedAt: string | null;
  services: { service: string; done: boolean; rows: number | null }[];
  status: string;
}

describe('DELETE /v1/projects/:id', () => {
  let gw: Gateway;
  let bus: Bus;

  beforeAll(async () => {
    gw = await startGateway();
    bus = await connectBus({ servers: gw.nc.getServer(), name: 'test', namespace: gw.namespace });
  });

  afterAll(async () => {
    await bus?.close();
    await gw?.stop();
  });

  /** A project submitted through the API (submission, Idempotency-Key record), then cancelled. */
  const aCancelledProject = async (): Promise<string> => {
    const submitted = await gw.call('/v1/projects', {
      method: 'POST',
      as: 'requester',
      json: { name: 'Doomed', requirements: 'A weather dashboard with alerts for farmers.' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(submitted.status).toBe(202);
    const { id: projectId } = (await submitted.json()) as { id: string };
    await givenProject(gw, { id: projectId, state: 'running' });
    const cancel = await gw.call(`/v1/projects/${projectId}/cancel`, {
      method: 'POST',
      as: 'requester',
      json: { reason: 'confidential, delete it' },
    });
    expect(cancel.status).toBe(202);
    await gw.sql.query(
      `INSERT INTO "${gw.schemas.gateway}".decisions (approval_id, project_id, gate, attempt,
         decision, comment, decided_by, message_id)
       VALUES ($1, $2, 'prd_approval', 1, 'approve', 'secret comment', 'test-approver', $3)`,
      [randomUUID(), projectId, randomUUID()],
    );
    await givenProjectState(gw, projectId, 'cancelled');
    return projectId;
  };

  /** Rows of the project in every gateway table with project_id (found, not listed) or keyed by it. */
  const gatewayRowsOf = async (projectId: string): Promise<Record<string, number>> => {
    const { rows: tables } = await gw.sql.query<{ name: string }>(
      `SELECT c.table_name AS name FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
       WHERE c.table_schema = $1 AND c.column_name = 'project_id' AND t.table_type = 'BASE TABLE'`,
      [gw.schemas.gateway],
    );
    const counts: Record<string, number> = {};
    for (const [table, column] of [
      ...tables.map((t) => [t.name, 'project_id']),
      ['submissions', 'id'],
    ]) {
      const { rows } = await gw.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${gw.schemas.gateway}"."${table}" WHERE ${column} = $1`,
        [projectId],
      );
      counts[table ?? ''] = rows[0]?.n ?? 0;
    }
    return counts;
  };
  const answer = (projectId: string, service: AppName, deleted: number) =>
    new Publisher(bus).publish(
      ProjectDataDeletedV1,
      { projectId, service, deleted },
      { source: service, correlationId: projectId },
    );
  const deletionOf = async (projectId: string): Promise<DeletionView> => {
    const response = await gw.call(`/v1/projects/${projectId}/deletion`);
    expect(response.status).toBe(200);
    return (await response.json()) as DeletionView;
  };

  it('is for admins only: 403 for viewer, requester and approver, and nothing happens', async () => {
    const projectId = await aCancelledProject();
    const before = await gatewayRowsOf(projectId);
    for (const role of ['viewer', 'requester', 'approver'] as const) {
      const response = await gw.call(`/v1/projects/${projectId}`, { method: 'DELETE', as: role });
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const status = await gw.call(`/v1/projects/${projectId}/deletion`, { as: role });
      expect(status.status).toBe(403);
    }
    expect(await gatewayRowsOf(projectId)).toEqual(before);
    expect((await gw.call(`/v1/projects/${projectId}/deletion`)).status).toBe(404);
  });

  it('refuses a project still in flight with 409 telling to cancel it first, and deletes nothing', async () => {
    for (const state of ['running', 'waiting_approval', 'queued']) {
      const projectId = await givenProject(gw, { state });
      const response = await gw.call(`/v1/projects/${projectId}`, { method: 'DELETE' });
      expect(response.status).toBe(409);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as { type: string; detail: string; state: string };
      expect(problem.type).toMatch(/project-in-flight$/);
      expect(problem.detail).toContain(`cancel it first (POST /v1/projects/${projectId}/cancel)`);
      expect(problem.state).toBe(state);
    }
    const submittedOnly = await gw.call('/v1/projects', {
      method: 'POST',
      as: 'requester',
      json: {
        name: 'Queued',
        requirements: 'Not created by the orchestrator yet, only submitted.',
      },
    });
    const { id: queued } = (await submittedOnly.json()) as { id: string };
    expect((await gw.call(`/v1/projects/${queued}`, { method: 'DELETE' })).status).toBe(409);
    expect((await gatewayRowsOf(queued))['submissions']).toBe(1);
  });

  it('answers 404 (problem+json) for an unknown project', async () => {
    const response = await gw.call(`/v1/projects/${randomUUID()}`, { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it("deletes the gateway's rows at once, sends one command, and reports progress until every owner answered", async () => {
    const projectId = await aCancelledProject();
    const other = await aCancelledProject();
    const otherBefore = await gatewayRowsOf(other);
    expect(Object.values(await gatewayRowsOf(projectId)).some((n) => n > 0)).toBe(true);

    const response = await gw.call(`/v1/projects/${projectId}`, { method: 'DELETE' });
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as DeletionView;
    expect(accepted).toMatchObject({
      projectId,
      state: 'deleting',
      requestedBy: 'bootstrap-admin',
      completedAt: null,
      status: `/v1/projects/${projectId}/deletion`,
    });
    // Every app with a durable on the command must answer (memory-service too, once it has one).
    const owners = handlersOf(ProjectDeletionRequestedV1);
    expect(owners).toEqual(expect.arrayContaining(['master-orchestrator', 'cpu-agent-worker']));
    expect(accepted.services.map((s) => [s.service, s.done])).toEqual([
      ['gateway', true],
      ...owners.map((owner) => [owner, false]),
    ]);
    // Nothing of the project stays in the gateway's tables but the deletion record.
    const left = await gatewayRowsOf(projectId);
    expect(left['project_deletions']).toBe(1);
    expect(Object.entries(left).filter(([t, n]) => t !== 'project_deletions' && n > 0)).toEqual([]);
    expect(await gatewayRowsOf(other)).toEqual(otherBefore);
    const record = await gw.sql.query(
      `SELECT * FROM "${gw.schemas.gateway}".project_deletions WHERE project_id = $1`,
      [projectId],
    );
    expect(JSON.stringify(record.rows)).not.toMatch(/Doomed|weather|secret|confidential/i);

    const restart = await gw.call(`/v1/projects/${projectId}/restart`, {
      method: 'POST',
      as: 'requester',
      json: { fromStage: 'plan' },
    });
    expect(restart.status).toBe(409);
    expect(await restart.json()).toMatchObject({ type: expect.stringMatching(/project-deleted$/) });

    const again = await gw.call(`/v1/projects/${projectId}`, { method: 'DELETE' });
    expect(again.status).toBe(202);
    await outboxDrained(gw);
    const commands = await messagesOn(gw.nc, gw.namespace, ProjectDeletionRequestedV1.subject);
    expect(commands.map((m) => m.envelope.data)).toEqual([
      { projectId, requestedBy: 'bootstrap-admin' },
    ]);

    await answer(projectId, 'master-orchestrator', 12);
    await answer(projectId, 'master-orchestrator', 0); // a second answer does not overwrite
    await eventually(async () =>
      expect(
        (await deletionOf(projectId)).services.find((s) => s.service === 'master-orchestrator'),
      ).toMatchObject({ done: true, rows: 12 }),
    );
    expect((await deletionOf(projectId)).state).toBe('deleting');
    for (const owner of owners.filter((o) => o !== 'master-orchestrator')) {
      await answer(projectId, owner, 7);
    }
    await eventually(async () => expect((await deletionOf(projectId)).state).toBe('deleted'));
    const done = await deletionOf(projectId);
    expect(done.completedAt).not.toBeNull();
    expect(done.services.find((s) => s.service === 'master-orchestrator')?.rows).toBe(12);
  });

  /** The project's rows in every table with project_id of every schema (found, not listed). */
  const everywhereRowsOf = async (projectId: string): Promise<Record<string, number>> => {
    const schemas = Object.values(gw.schemas);
    const { rows: tables } = await gw.sql.query<{ schema: string; name: string }>(
      `SELECT c.table_schema AS schema, c.table_name AS name FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
       WHERE c.table_schema = ANY($1) AND c.column_name = 'project_id' AND t.table_type = 'BASE TABLE'`,
      [schemas],
    );
    const byId = [
      { schema: gw.schemas.orchestrator, name: 'projects', column: 'id' },
      { schema: gw.schemas.gateway, name: 'submissions', column: 'id' },
    ];
    const counts: Record<string, number> = {};
    for (const { schema, name, column } of [
      ...tables.map((t) => ({ ...t, column: 'project_id' })),
      ...byId,
    ]) {
      const { rows } = await gw.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${schema}"."${name}" WHERE ${column} = $1`,
        [projectId],
      );
      counts[`${schema.slice(gw.namespace.length + 1)}.${name}`] = rows[0]?.n ?? 0;
    }
    return counts;
  };
  /** What an owning service does with the command: `deleteProjectData` on its schema, one tx. */
  const deleteAsOwner = async (
    schema: string,
    projectId: string,
    options: DeleteProjectDataOptions,
  ) => {
    await gw.sql.query('BEGIN');
    const tx = {
      query: async (sql: string, params?: unknown[]) => (await gw.sql.query(sql, params)).rows,
    };
    await deleteProjectData(tx, schema, projectId, options);
    await gw.sql.query('COMMIT');
  };
  const withRowsEverywhere = async (projectId: string): Promise<void> => {
    await givenStage(gw, projectId, { stage: 'prd', state: 'succeeded', artifactVersion: 1 });
    await givenApproval(gw, projectId, { gate: 'prd_approval', state: 'approved' });
    await givenEvent(gw, projectId, 'agentbus.workflow.v1.project.started');
    await givenArtifact(gw, projectId, { stage: 'prd', version: 1, format: 'markdown', body: '#' });
    await givenLlmCall(gw, projectId, {
      stage: 'prd',
      inputTokens: 1,
      outputTokens: 1,
      costUsd: 0,
    });
  };

  it('is complete: no row of the project stays in any table with project_id of any schema, and another project keeps all of its rows', async () => {
    const doomed = await aCancelledProject();
    const other = await aCancelledProject();
    await withRowsEverywhere(doomed);
    await withRowsEverywhere(other);
    const otherBefore = await everywhereRowsOf(other);
    const doomedBefore = await everywhereRowsOf(doomed);
    const filled = Object.entries(doomedBefore)
      .filter(([, n]) => n > 0)
      .map(([t]) => t);
    expect(filled).toEqual(
      expect.arrayContaining([
        'orch.projects',
        'orch.stages',
        'orch.approvals',
        'orch.events',
        'cpu.artifacts',
        'cpu.llm_calls',
        'gw.submissions',
        'gw.decisions',
        'gw.project_commands',
        'gw.idempotency_keys',
      ]),
    );

    expect((await gw.call(`/v1/projects/${doomed}`, { method: 'DELETE' })).status).toBe(202);
    // The orchestrator's and the worker's handlers do this (their integration suites run them).
    await deleteAsOwner(gw.schemas.orchestrator, doomed, { keyedById: ['projects'] });
    await deleteAsOwner(gw.schemas.worker, doomed, {});

    const left = Object.entries(await everywhereRowsOf(doomed)).filter(([, n]) => n > 0);
    expect(left).toEqual([['gw.project_deletions', 1]]);
    expect(await everywhereRowsOf(other)).toEqual(otherBefore);
    expect((await gw.call(`/v1/projects/${doomed}`)).status).toBe(404);
    expect((await gw.call(`/v1/projects/${other}`)).status).toBe(200);
  });

  it('ignores an answer for a deletion it never recorded', async () => {
    const stranger = randomUUID();
    const envelope = createEnvelope(
      ProjectDataDeletedV1,
      { projectId: stranger, service: 'cpu-agent-worker', deleted: 1 },
      { source: 'cpu-agent-worker', correlationId: stranger },
    );
    await new Publisher(bus).publishEnvelope(envelope);
    await eventually(async () => {
      const { rows } = await gw.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${gw.schemas.gateway}".inbox WHERE message_id = $1`,
        [envelope.id],
      );
      expect(rows[0]?.n).toBe(1);
    });
    expect((await gw.call(`/v1/projects/${stranger}/deletion`)).status).toBe(404);
  });
});
