import { APP_NAMES } from '@agentbus/contracts';
import { eventually, startStack, type Stack, testNamespace } from '@agentbus/testing';
import { apiOf } from './support/api';

interface Deletion {
  state: string;
  requestedBy: string;
  services: { service: string; done: boolean }[];
}

// The one row allowed to keep a deleted project's id: the record that it was deleted (who, when).
const DELETION_RECORD = 'project_deletions';

describe('deleting a project, end to end', () => {
  let stack: Stack;
  let api: ReturnType<typeof apiOf>;

  beforeAll(async () => {
    // The hashed embedder starts at once; what memory finds is not under test here.
    stack = await startStack(testNamespace(), { 'memory-service': { MEMORY_EMBEDDER: 'hashed' } });
    api = apiOf(stack);
  }, 300_000);

  afterAll(() => stack?.stop());

  /**
   * The project's rows in every table of every service's schema that has a project_id column
   * (found in information_schema, so a table added later is checked too), and in the tables keyed
   * by the project's id (the orchestrator's projects, the gateway's submissions).
   */
  const rowsOf = async (projectId: string): Promise<Record<string, number>> => {
    const schemas = APP_NAMES.map((app) => stack.schemaOf(app));
    const { rows: tables } = await stack.pg.query<{ schema: string; name: string }>(
      `SELECT c.table_schema AS schema, c.table_name AS name FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
       WHERE c.table_schema = ANY($1) AND c.column_name = 'project_id' AND t.table_type = 'BASE TABLE'`,
      [schemas],
    );
    const keyedById = [
      { schema: stack.schemaOf('master-orchestrator'), name: 'projects', column: 'id' },
      { schema: stack.schemaOf('gateway'), name: 'submissions', column: 'id' },
    ];
    const counts: Record<string, number> = {};
    for (const { schema, name, column } of [
      ...tables.map((table) => ({ ...table, column: 'project_id' })),
      ...keyedById,
    ]) {
      const { rows } = await stack.pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${schema}"."${name}" WHERE ${column} = $1`,
        [projectId],
      );
      counts[`${schema.slice(stack.namespace.length + 1)}.${name}`] = rows[0]?.n ?? 0;
    }
    return counts;
  };

  it('deletes every row of a finished project in every service, leaves another untouched, keeps the record', async () => {
    const doomed = await api.submit({ gates: { prd_approval: false } }, 'Doomed bikes');
    const kept = await api.submit({ gates: { prd_approval: false } }, 'Kept bikes');
    await api.waitFor(doomed, (view) => view.state === 'completed', 120_000);
    await api.waitFor(kept, (view) => view.state === 'completed', 120_000);
    const doomedBefore = await rowsOf(doomed);
    const keptBefore = await rowsOf(kept);
    // The project left rows in each service's tables: the check below is not vacuous.
    for (const table of [
      'master_orchestrator.projects',
      'master_orchestrator.events',
      'master_orchestrator.tasks',
      'cpu_agent_worker.artifacts',
      'cpu_agent_worker.llm_calls',
    ]) {
      expect([table, doomedBefore[table]]).toEqual([table, expect.any(Number)]);
      expect(doomedBefore[table]).toBeGreaterThan(0);
    }

    const accepted = await api.call('DELETE', `/v1/projects/${doomed}`);
    expect(accepted.status).toBe(202);
    const done = await eventually(
      async () => {
        const { body } = await api.call('GET', `/v1/projects/${doomed}/deletion`);
        const deletion = body as Deletion;
        expect(deletion.services.filter((s) => !s.done)).toEqual([]);
        expect(deletion.state).toBe('deleted');
        return deletion;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    expect(done.requestedBy).toBe('bootstrap-admin');
    expect((await api.call('GET', `/v1/projects/${doomed}`)).status).toBe(404);

    const left = await rowsOf(doomed);
    expect(Object.entries(left).filter(([, n]) => n > 0)).toEqual([
      [`gateway.${DELETION_RECORD}`, 1],
    ]);
    expect(await rowsOf(kept)).toEqual({ ...keptBefore, [`gateway.${DELETION_RECORD}`]: 0 });
    expect((await api.call('GET', `/v1/projects/${kept}`)).status).toBe(200);
  });

  it('refuses a project that is still in flight with 409 and the advice to cancel it first', async () => {
    const waiting = await api.submit({}, 'Waiting at its gate');
    await api.openGate(waiting, 'prd_approval');
    const refused = await api.call('DELETE', `/v1/projects/${waiting}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ detail: expect.stringContaining('cancel it first') });
    expect((await api.call('GET', `/v1/projects/${waiting}`)).status).toBe(200);
  });
});
