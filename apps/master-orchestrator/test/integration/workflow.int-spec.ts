import { type StageId } from '@agentbus/contracts';
import { eventually } from '@agentbus/testing';
import { type Reply, type Script } from '../support/fake-worker';
import { useOrchestratorStack } from '../support/orchestrator-stack';
import { sample } from '../support/prometheus';

const PARALLEL: StageId[] = ['qa', 'security', 'documentation', 'support'];
const ALL_CPU_STAGES = 12;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('master-orchestrator workflow (real NATS and Postgres)', () => {
  // Per-project scripts: each test tells the worker how to treat its own project's tasks.
  const scripts = new Map<string, Script>();
  const succeed: Reply = { kind: 'succeed' };

  const stack = useOrchestratorStack({
    // Long enough that no answered task outlives it on a loaded CI machine (a 3 s deadline timed out
    // answered tasks there, so the counts below saw 4 timeouts instead of the one scripted).
    env: { ORCH_TASK_TIMEOUT_MS: '10000' },
    script: (task) => {
      const script = scripts.get(task.projectId);
      return script ? script(task) : succeed;
    },
  });

  it('runs a project to completed, the prd gate approved by a reviewer', async () => {
    const projectId = await stack.client.submit();
    const approval = await stack.client.approveNextGate(projectId);
    expect(approval).toMatchObject({ gate: 'prd_approval', attempt: 1, stage: 'prd' });

    const project = await stack.client.waitForState(projectId, 'completed');
    expect(project).toMatchObject({
      failure_cause: null,
      tokens_used: String(ALL_CPU_STAGES * 150),
      tokens_reserved: '0',
    });
    expect(project['completed_at']).toBeInstanceOf(Date);

    const stages = await stack.client.rows('stages', projectId);
    expect(stages).toHaveLength(13);
    for (const stage of stages) {
      const expected = stage['stage'] === 'ml_feasibility' ? 'skipped' : 'succeeded';
      expect(stage).toMatchObject({ state: expected });
    }
    const tasks = await stack.client.rows('tasks', projectId);
    expect(tasks).toHaveLength(ALL_CPU_STAGES);
    expect(tasks.every((task) => task['state'] === 'succeeded' && task['attempt'] === 1)).toBe(
      true,
    );

    const events = (await stack.client.rows('events', projectId)).map((event) => event['type']);
    expect(events[0]).toBe('agentbus.workflow.v1.project.started');
    expect(events.at(-1)).toBe('agentbus.workflow.v1.project.completed');
    expect(events.filter((type) => type === 'agentbus.workflow.v1.stage.completed')).toHaveLength(
      ALL_CPU_STAGES,
    );
    expect(events).toContain('agentbus.workflow.v1.approval.requested');
    expect(stack.worker.tasksOf(projectId)).toHaveLength(ALL_CPU_STAGES);

    const prd = stack.worker.tasksOf(projectId).find((seen) => seen.task.stage === 'feature_tree');
    expect(prd?.task.inputs).toEqual([
      { stage: 'prd', artifact: expect.objectContaining({ version: 1 }) },
    ]);
  });

  it('dispatches the four parallel stages before any of them completes', async () => {
    const arrived = new Set<StageId>();
    const projectId = await stack.client.submit({ prd_approval: false, delivery_approval: false });
    scripts.set(projectId, async (task) => {
      if (!PARALLEL.includes(task.stage)) return succeed;
      arrived.add(task.stage);
      // Hold each parallel task until all four arrived (or a while, so a bug fails, not hangs).
      const until = Date.now() + 5_000;
      while (arrived.size < PARALLEL.length && Date.now() < until) await sleep(20);
      return succeed;
    });
    await stack.client.waitForState(projectId, 'completed');

    const parallel = stack.worker
      .tasksOf(projectId)
      .filter((seen) => PARALLEL.includes(seen.task.stage));
    expect(parallel.map((seen) => seen.task.stage).sort()).toEqual([...PARALLEL].sort());
    const firstAnswer = Math.min(...parallel.map((seen) => seen.answeredAt ?? Infinity));
    expect(Math.max(...parallel.map((seen) => seen.at))).toBeLessThanOrEqual(firstAnswer);

    const events = await stack.client.rows('events', projectId);
    const seqOf = (type: string, stage: StageId) =>
      Number(
        events.find(
          (e) => e['type'] === type && (e['data'] as { stage: string }).stage === stage,
        )?.['seq'],
      );
    const lastDispatch = Math.max(
      ...PARALLEL.map((stage) => seqOf('agentbus.workflow.v1.stage.dispatched', stage)),
    );
    const firstCompletion = Math.min(
      ...PARALLEL.map((stage) => seqOf('agentbus.workflow.v1.stage.completed', stage)),
    );
    expect(lastDispatch).toBeLessThan(firstCompletion);
  });

  it('retries a failed attempt with backoff and completes', async () => {
    const projectId = await stack.client.submit({ prd_approval: false, delivery_approval: false });
    scripts.set(projectId, (task) =>
      task.stage === 'plan' && task.attempt === 1 ? { kind: 'fail', retryable: true } : succeed,
    );
    await stack.client.waitForState(projectId, 'completed');

    const plan = await stack.client.rows('tasks', projectId, `AND stage = 'plan' ORDER BY attempt`);
    expect(plan.map((task) => [task['attempt'], task['state']])).toEqual([
      [1, 'failed'],
      [2, 'succeeded'],
    ]);
    const [stage] = await stack.client.rows('stages', projectId, `AND stage = 'plan'`);
    expect(stage).toMatchObject({ state: 'succeeded', attempt: 2, failures: 1 });
    const failed = (await stack.client.rows('events', projectId)).find(
      (event) => event['type'] === 'agentbus.workflow.v1.stage.failed',
    );
    expect(failed?.['data']).toMatchObject({ stage: 'plan', attempt: 1, willRetry: true });
  });

  it('fails an attempt that outlives its deadline and retries it', async () => {
    const projectId = await stack.client.submit({ prd_approval: false, delivery_approval: false });
    scripts.set(projectId, (task) =>
      task.stage === 'uiux' && task.attempt === 1 ? { kind: 'ignore' } : succeed,
    );
    await stack.client.waitForState(projectId, 'completed');

    const uiux = await stack.client.rows('tasks', projectId, `AND stage = 'uiux' ORDER BY attempt`);
    expect(uiux.map((task) => [task['attempt'], task['state']])).toEqual([
      [1, 'timed_out'],
      [2, 'succeeded'],
    ]);
    expect(uiux[0]?.['error']).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('fails the project with its cause when the error is not retryable', async () => {
    const projectId = await stack.client.submit({ prd_approval: false, delivery_approval: false });
    scripts.set(projectId, (task) =>
      task.stage === 'architecture' ? { kind: 'fail', retryable: false } : succeed,
    );
    const project = await stack.client.waitForState(projectId, 'failed');
    expect(project).toMatchObject({
      failed_stage: 'architecture',
      failure_cause: 'architecture attempt 1 failed (not retryable): llm_unavailable: scripted',
    });
    const events = await stack.client.rows('events', projectId);
    expect(events.at(-1)).toMatchObject({
      type: 'agentbus.workflow.v1.project.failed',
      data: { projectId, stage: 'architecture', cause: project['failure_cause'] },
    });
    const [stage] = await stack.client.rows('stages', projectId, `AND stage = 'architecture'`);
    expect(stage).toMatchObject({ state: 'failed', failures: 1 });
  });

  it('keeps its metrics true: projects by state, stage durations, errors, queue depth', async () => {
    await eventually(async () => {
      const text = await stack.orchestrator.metrics();
      const projects = (state: string) => sample(text, 'agent_bus_projects_total', { state });
      const errors = (kind: string) => sample(text, 'agent_bus_errors_total', { kind });
      expect([projects('submitted'), projects('completed'), projects('failed')]).toEqual([5, 4, 1]);
      expect(sample(text, 'agent_bus_stage_duration_seconds_count', { stage: 'qa' })).toBe(4);
      expect([errors('timeout'), errors('stage_failure')]).toEqual([1, 2]);
      expect(sample(text, 'agent_bus_queue_depth', { consumer: 'cpu-cpu-requested' })).toBe(0);
      expect(text).toContain('# TYPE agent_bus_projects_by_stage gauge');
    });
  });
});
