import { AGENTS, agentForStage, parseOutput } from '@agentbus/agents';
import { type StageId } from '@agentbus/contracts';
import { testNamespace } from '@agentbus/testing';
import { apiOf, type ProjectView, type UsageView } from './support/api';
import { startStack, type Stack } from '@agentbus/testing';

const PARALLEL: StageId[] = ['qa', 'security', 'documentation', 'support'];
const TERMINAL = ['completed', 'failed', 'cancelled'];

describe('the project workflow, end to end', () => {
  let stack: Stack;
  let api: ReturnType<typeof apiOf>;

  beforeAll(async () => {
    // Simulated model latency makes overlap and mid-flight actions observable.
    stack = await startStack(testNamespace(), {
      'cpu-agent-worker': { LLM_OFFLINE_LATENCY_MS: '150' },
    });
    api = apiOf(stack);
  }, 120_000);

  afterAll(() => stack?.stop());

  const approve = async (id: string, gate = 'prd_approval') => {
    const open = await api.openGate(id, gate);
    const { status } = await api.decide(id, gate, { decision: 'approve', attempt: open.attempt });
    expect(status).toBe(202);
  };

  it('runs a project to completed with twelve valid artifacts and the four review stages overlapping', async () => {
    const id = await api.submit();
    await approve(id);
    const done = await api.waitFor(id, (v) => TERMINAL.includes(v.state), 120_000);
    expect(done.state).toBe('completed');

    for (const stage of Object.values(AGENTS).map((agent) => agent.stage)) {
      const { status, body } = await api.call(
        'GET',
        `/v1/projects/${id}/artifacts/${stage}`,
        undefined,
        {
          accept: 'text/markdown',
        },
      );
      expect({ stage, status }).toEqual({ stage, status: 200 });
      const agent = agentForStage(stage);
      if (!agent) throw new Error(stage);
      const text = (await (
        await fetch(`${stack.gatewayUrl}/v1/projects/${id}/artifacts/${stage}`, {
          headers: { authorization: `Bearer ${stack.apiKey}`, accept: 'application/json' },
        })
      ).json()) as { body: unknown; format: string; version: number; accepted: boolean };
      // The default is the version the orchestrator accepted, whatever else the worker stored.
      const accepted = done.stages.find((s) => s.stage === stage)?.artifactVersion;
      expect({ stage, version: text.version, accepted: text.accepted }).toEqual({
        stage,
        version: accepted,
        accepted: true,
      });
      const raw = typeof text.body === 'string' ? text.body : JSON.stringify(text.body);
      const parsed = parseOutput(agent, raw);
      expect({ stage, problems: parsed.ok ? [] : parsed.problems }).toEqual({
        stage,
        problems: [],
      });
      expect(body).toBeDefined();
    }

    const review = done.stages.filter((s) => PARALLEL.includes(s.stage as StageId));
    const lastStart = Math.max(...review.map((s) => Date.parse(s.startedAt ?? '')));
    const firstFinish = Math.min(...review.map((s) => Date.parse(s.finishedAt ?? '')));
    expect(lastStart).toBeLessThan(firstFinish); // all four were running at the same time
    expect(done.usage.llmCalls).toBeGreaterThanOrEqual(12);

    // Cost a person can see: the project's usage is the sum of its stages', and the SSE stream's
    // last cost event (after project.completed) says the same as the detail.
    const sumOf = (key: keyof UsageView) =>
      done.stages.reduce((total, stage) => total + stage.usage[key], 0);
    for (const key of ['inputTokens', 'cachedTokens', 'outputTokens', 'totalTokens'] as const) {
      expect({ key, total: done.usage[key] }).toEqual({ key, total: sumOf(key) });
    }
    expect(done.usage.costUsd).toBeCloseTo(sumOf('costUsd'), 6);
    expect(done.usage.inputTokens).toBeGreaterThan(0);
    expect(done.usage.outputTokens).toBeGreaterThan(0);
    const { body: feed } = await api.call('GET', `/v1/projects/${id}/events`);
    const costs = String(feed)
      .split('\n\n')
      .filter((frame) => frame.startsWith('event: cost\n'))
      .map((frame) => JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as { total: UsageView });
    const completions = String(feed).match(/^event: stage\.completed$/gm) ?? [];
    expect(costs).toHaveLength(completions.length + 1);
    expect(costs.at(-1)?.total).toEqual(done.usage);
  });

  it('fails the project with the reviewer reason on reject', async () => {
    const id = await api.submit();
    const open = await api.openGate(id, 'prd_approval');
    await api.decide(id, 'prd_approval', {
      decision: 'reject',
      comment: 'out of scope this quarter',
      attempt: open.attempt,
    });
    const failed = await api.waitFor(id, (v) => v.state === 'failed');
    expect(failed.failure?.cause).toContain('out of scope this quarter');
    expect(failed.stages.find((s) => s.stage === 'feature_tree')?.state).toBe('pending');
  });

  it('re-runs the PRD as a revision on request_changes, asks again, then continues on approve', async () => {
    const id = await api.submit();
    const first = await api.openGate(id, 'prd_approval');
    await api.decide(id, 'prd_approval', {
      decision: 'request_changes',
      comment: 'add offline mode',
      attempt: first.attempt,
    });
    const asked = await api.waitFor(id, (v) =>
      v.gates.some((g) => g.gate === 'prd_approval' && g.open && g.attempt > first.attempt),
    );
    const second = asked.gates.find((g) => g.gate === 'prd_approval' && g.open);
    if (!second) throw new Error('no second gate');
    expect(second.attempt).toBe(first.attempt + 1);
    const view = await api.project(id);
    expect(view.stages.find((s) => s.stage === 'prd')?.artifactVersion).toBe(2);
    // A decision on the closed first gate is refused and changes nothing.
    expect(
      (await api.decide(id, 'prd_approval', { decision: 'approve', attempt: first.attempt }))
        .status,
    ).toBe(409);
    await api.decide(id, 'prd_approval', { decision: 'approve', attempt: second.attempt });
    await api.waitFor(id, (v) =>
      v.stages.some((s) => s.stage === 'feature_tree' && s.state === 'succeeded'),
    );
    await api.call('POST', `/v1/projects/${id}/cancel`, { reason: 'test done' });
  });

  it('stops dispatching on cancel mid-flight', async () => {
    const id = await api.submit({ gates: { prd_approval: false } });
    await api.waitFor(id, (v) => v.stages.some((s) => s.stage === 'plan' && s.state !== 'pending'));
    expect(
      (await api.call('POST', `/v1/projects/${id}/cancel`, { reason: 'changed our minds' })).status,
    ).toBe(202);
    const cancelled = await api.waitFor(id, (v) => v.state === 'cancelled');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const later = await api.project(id);
    expect(later.state).toBe('cancelled');
    const ran = (view: ProjectView) => view.stages.filter((s) => s.state === 'succeeded').length;
    expect(ran(later)).toBe(ran(cancelled));
    expect(later.stages.find((s) => s.stage === 'delivery')?.state).not.toBe('succeeded');
  });

  it('restarts from architecture: re-runs it and downstream, keeps earlier artifacts', async () => {
    const id = await api.submit({ gates: { prd_approval: false } });
    const before = await api.waitFor(id, (v) => v.state === 'completed', 120_000);
    expect(
      (await api.call('POST', `/v1/projects/${id}/restart`, { fromStage: 'architecture' })).status,
    ).toBe(202);
    const after = await api.waitFor(
      id,
      (v) =>
        v.state === 'completed' &&
        (v.stages.find((s) => s.stage === 'architecture')?.artifactVersion ?? 0) >= 2,
      120_000,
    );
    const version = (view: ProjectView, stage: string) =>
      view.stages.find((s) => s.stage === stage)?.artifactVersion;
    for (const stage of ['prd', 'feature_tree', 'plan']) {
      expect(version(after, stage)).toBe(version(before, stage));
    }
    for (const stage of ['architecture', 'uiux', 'development', 'qa', 'delivery']) {
      expect(version(after, stage)).toBe((version(before, stage) ?? 0) + 1);
    }
  });

  it('pauses at a budget_exceeded gate and continues when an approver raises the budget', async () => {
    const id = await api.submit({ gates: { prd_approval: false }, budget: { maxTokens: 5_000 } });
    const gate = await api.openGate(id, 'budget_exceeded', 120_000);
    const paused = await api.project(id);
    expect(paused.state).toBe('waiting_approval');
    await api.decide(id, 'budget_exceeded', {
      decision: 'approve',
      attempt: gate.attempt,
      raiseBudget: { maxTokens: 10_000_000 },
    });
    await api.waitFor(id, (v) => v.state === 'completed', 120_000);
  });
});
