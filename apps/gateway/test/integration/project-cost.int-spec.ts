import { Registry } from 'prom-client';
import { ForecastReconcilerService } from '../../src/estimates/forecast-reconciler.service';
import { type UsageView } from '../../src/projects/project-detail.views';
import { type Gateway, startGateway } from '../support/gateway-harness';
import {
  givenEvent,
  givenLlmCall,
  givenProject,
  givenProjectState,
  givenStage,
} from '../support/read-model-rows';
import { openSse, type SseStream } from '../support/sse-client';

// The route's own view class: the test reads the fields the OpenAPI document promises.
type Usage = UsageView;
interface Detail {
  state: string;
  stages: { stage: string; usage: Usage }[];
  usage: Usage;
  forecast: null | {
    basedOnProjects: number;
    requirementsChars: number;
    total: { costUsd: number };
    stages: { stage: string; costUsd: number }[];
    actualCostUsd: number;
    errorPct: number | null;
    reconciledAt: string | null;
  };
}

// Cost a person can see (issue 14): the detail's tokens and dollars per stage, the forecast stored
// at submit and reconciled at the end, and the cost frames of the SSE stream, on real Postgres
// with the worker's and orchestrator's views built by their own migrations.
describe('project cost', () => {
  let gw: Gateway;
  const streams: SseStream[] = [];
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterEach(async () => {
    await Promise.all(streams.splice(0).map((stream) => stream.close()));
  });
  afterAll(() => gw?.stop());

  const detail = async (id: string): Promise<Detail> => {
    const response = await gw.call(`/v1/projects/${id}`, { as: 'viewer' });
    expect(response.status).toBe(200);
    return (await response.json()) as Detail;
  };

  it('shows input, cached, output tokens and dollars per stage, the totals their sums', async () => {
    const id = await givenProject(gw, { state: 'running' });
    await givenStage(gw, id, { stage: 'prd', state: 'succeeded', attempt: 2, ran: true });
    await givenStage(gw, id, { stage: 'qa', state: 'succeeded', ran: true });
    const call = { inputTokens: 1_000, outputTokens: 300 };
    await givenLlmCall(gw, id, { stage: 'prd', attempt: 1, ...call, costUsd: 0.004 });
    await givenLlmCall(gw, id, {
      stage: 'prd',
      attempt: 2,
      ...call,
      cacheWriteTokens: 2_000,
      costUsd: 0.0115,
    });
    await givenLlmCall(gw, id, {
      stage: 'qa',
      ...call,
      cacheReadTokens: 6_000,
      costUsd: 0.0062,
    });

    const project = await detail(id);

    const [prd, qa] = project.stages;
    expect(prd).toMatchObject({
      stage: 'prd',
      usage: {
        inputTokens: 2_000,
        cachedTokens: 0,
        cacheWriteTokens: 2_000,
        outputTokens: 600,
        totalTokens: 4_600,
        costUsd: 0.0155,
        llmCalls: 2,
      },
    });
    expect(qa).toMatchObject({
      stage: 'qa',
      usage: { inputTokens: 1_000, cachedTokens: 6_000, outputTokens: 300, costUsd: 0.0062 },
    });
    const sumOf = (key: keyof Usage) =>
      project.stages.reduce((total, stage) => total + stage.usage[key], 0);
    for (const key of [
      'inputTokens',
      'cachedTokens',
      'cacheWriteTokens',
      'outputTokens',
    ] as const) {
      expect(project.usage[key]).toBe(sumOf(key));
    }
    expect(project.usage.costUsd).toBeCloseTo(sumOf('costUsd'), 6);
    expect(project.usage).toMatchObject({ totalTokens: 11_900, costUsd: 0.0217, llmCalls: 3 });
    expect(project.forecast).toBeNull(); // not submitted through this gateway
  });

  it('stores the forecast with a submission and reconciles it with the spend at the end', async () => {
    // History: two completed projects of 1 000 and 3 000 chars; prd cost 0.002 and 0.004.
    for (const [chars, costUsd] of [
      [1_000, 0.002],
      [3_000, 0.004],
    ] as const) {
      const past = await givenProject(gw, { state: 'completed' });
      await gw.sql.query(
        `UPDATE "${gw.schemas.orchestrator}".projects SET requirements = $2 WHERE id = $1`,
        [past, 'r'.repeat(chars)],
      );
      await givenLlmCall(gw, past, { stage: 'prd', inputTokens: 1, outputTokens: 1, costUsd });
    }
    const submitted = await gw.call('/v1/projects', {
      method: 'POST',
      as: 'requester',
      json: { name: 'Forecast me', requirements: 'x'.repeat(2_000) },
    });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    // The orchestrator creates the project; it runs and spends 0.0036.
    await givenProject(gw, { id, state: 'running' });
    await givenLlmCall(gw, id, { stage: 'prd', inputTokens: 10, outputTokens: 5, costUsd: 0.0036 });

    const running = await detail(id);
    expect(running.forecast).toMatchObject({
      basedOnProjects: 2,
      requirementsChars: 2_000,
      total: { costUsd: 0.003 },
      stages: [{ stage: 'prd', costUsd: 0.003, actualCostUsd: 0.0036 }],
      actualCostUsd: 0.0036,
      errorPct: null,
      reconciledAt: null,
    });

    const reconciler = gw.app.get(ForecastReconcilerService);
    await reconciler.reconcile();
    expect((await detail(id)).forecast?.reconciledAt).toBeNull(); // still running
    await givenProjectState(gw, id, 'completed');
    await reconciler.reconcile();
    // Spend after the end (none should come) does not move the reconciled figure.
    await givenLlmCall(gw, id, { stage: 'qa', inputTokens: 1, outputTokens: 1, costUsd: 1 });
    await reconciler.reconcile();

    const ended = await detail(id);
    expect(ended.forecast).toMatchObject({
      actualCostUsd: 0.0036,
      errorPct: 20, // (0.0036 − 0.003) / 0.003
      reconciledAt: expect.any(String),
    });
    const metrics = await gw.app.get(Registry).metrics();
    const value = (name: string) =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1]);
    expect(value('agent_bus_cost_forecast_error_ratio_count')).toBe(1); // once, however many passes
    expect(value('agent_bus_cost_forecast_error_ratio_sum')).toBeCloseTo(0.2, 6);
  });

  it('follows each stage.completed and the end with the stage cost and the running total', async () => {
    const id = await givenProject(gw, { state: 'running' });
    const call = { inputTokens: 100, outputTokens: 50 };
    await givenLlmCall(gw, id, { stage: 'prd', attempt: 1, ...call, costUsd: 0.001 });
    await givenLlmCall(gw, id, {
      stage: 'prd',
      attempt: 2,
      ...call,
      cacheReadTokens: 400,
      costUsd: 0.002,
    });
    const completed = await givenEvent(gw, id, 'stage.completed', { stage: 'prd', attempt: 2 });
    // A call made after that event is not in its running total (a replay shows the cost then).
    await givenLlmCall(gw, id, {
      stage: 'qa',
      ...call,
      costUsd: 0.004,
      createdAt: new Date(Date.now() + 60_000).toISOString(),
    });

    const stream = await openSse(`${gw.url}/v1/projects/${id}/events`, {
      authorization: `Bearer ${gw.keys.viewer}`,
    });
    streams.push(stream);
    expect(await stream.nextEvent()).toMatchObject({ id: String(completed) });
    const cost = await stream.nextEvent();
    expect(cost).toMatchObject({ event: 'cost' });
    expect(cost).not.toHaveProperty('id');
    expect(JSON.parse(cost?.data ?? '')).toEqual({
      afterSeq: completed,
      projectId: id,
      stage: 'prd',
      attempt: 2,
      stageUsage: {
        inputTokens: 200,
        cachedTokens: 400,
        cacheWriteTokens: 0,
        outputTokens: 100,
        totalTokens: 700,
        costUsd: 0.003,
        llmCalls: 2,
      },
      total: expect.objectContaining({ totalTokens: 700, costUsd: 0.003, llmCalls: 2 }),
    });

    await givenProjectState(gw, id, 'completed');
    const done = await givenEvent(gw, id, 'project.completed');
    expect(await stream.nextEvent()).toMatchObject({ id: String(done) });
    const final = JSON.parse((await stream.nextEvent())?.data ?? '') as Record<string, unknown>;
    expect(final).toMatchObject({ afterSeq: done, stage: null, stageUsage: null });
    expect(final['total']).toMatchObject({ costUsd: 0.003 }); // the qa call is still in the future
    expect(await stream.nextEvent()).toMatchObject({ event: 'end' });
  });
});
