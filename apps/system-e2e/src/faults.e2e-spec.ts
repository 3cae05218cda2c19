import { testNamespace } from '@agentbus/testing';
import { apiOf } from './support/api';
import { startStack, type Stack } from '@agentbus/testing';

/**
 * Crashes at the worst moments; every project must still end as it would have without them,
 * with one artifact per stage attempt, one task per attempt and each LLM call counted once.
 */
describe('crashes mid-flight', () => {
  let stack: Stack;
  let api: ReturnType<typeof apiOf>;

  beforeAll(async () => {
    stack = await startStack(testNamespace(), {
      'cpu-agent-worker': { LLM_OFFLINE_LATENCY_MS: '1500' },
    });
    api = apiOf(stack);
  }, 120_000);

  afterAll(() => stack?.stop());

  const assertNothingTwice = async (projectId: string) => {
    const worker = stack.schemaOf('cpu-agent-worker');
    const orchestrator = stack.schemaOf('master-orchestrator');
    const perAttempt = await stack.pg.query(
      `SELECT stage, attempt, count(*)::int AS n FROM ${worker}.artifacts WHERE project_id = $1
       GROUP BY stage, attempt HAVING count(*) > 1`,
      [projectId],
    );
    expect(perAttempt.rows).toEqual([]);
    const tasks = await stack.pg.query(
      `SELECT stage, attempt, count(*)::int AS n FROM ${orchestrator}.tasks WHERE project_id = $1
       GROUP BY stage, attempt HAVING count(*) > 1`,
      [projectId],
    );
    expect(tasks.rows).toEqual([]);
    const calls = await stack.pg.query(
      `SELECT count(*)::int AS calls, COALESCE(sum(input_tokens + output_tokens), 0)::int AS tokens
       FROM ${worker}.llm_calls WHERE project_id = $1`,
      [projectId],
    );
    const charged = await stack.pg.query(
      `SELECT tokens_used::int AS tokens FROM ${orchestrator}.projects WHERE id = $1`,
      [projectId],
    );
    // What the orchestrator charged the project equals what the recorded calls used.
    expect(charged.rows[0].tokens).toBe(calls.rows[0].tokens);
    expect(calls.rows[0].calls).toBeGreaterThanOrEqual(12);
  };

  it('completes after the worker is killed -9 while it holds a task', async () => {
    const id = await api.submit({ gates: { prd_approval: false } });
    await api.waitFor(id, (v) =>
      v.stages.some((s) => s.stage === 'plan' && ['dispatched', 'running'].includes(s.state)),
    );
    const worker = stack.apps.get('cpu-agent-worker');
    const killedAt = Date.now();
    worker?.process.kill('SIGKILL');
    await worker?.process.waitForExit();
    await stack.start('cpu-agent-worker', { LLM_OFFLINE_LATENCY_MS: '100' });
    await api.waitFor(
      id,
      (v) => v.stages.some((s) => s.stage === 'plan' && s.state === 'succeeded'),
      120_000,
    );
    console.info(
      `takeover: the killed worker's plan task finished ${Date.now() - killedAt} ms after the kill`,
    );
    const done = await api.waitFor(id, (v) => v.state === 'completed', 120_000);
    expect(done.state).toBe('completed');
    await assertNothingTwice(id);
  }, 180_000); // the killed worker's task comes back after the durable's 5 s ack wait

  it('completes after the orchestrator dies between a state change and its publish', async () => {
    const orchestrator = stack.apps.get('master-orchestrator');
    orchestrator?.process.kill('SIGTERM');
    await orchestrator?.process.waitForExit();
    const faulty = await stack.start('master-orchestrator', {
      FAULT_EXIT_AT: 'after-commit-before-ack',
    });
    const id = await api.submit({ gates: { prd_approval: false } });
    const exit = await faulty.process.waitForExit(30_000);
    expect(exit.code).toBe(137);
    await stack.start('master-orchestrator');
    const done = await api.waitFor(id, (v) => v.state === 'completed', 120_000);
    expect(done.state).toBe('completed');
    await assertNothingTwice(id);
  });
});
