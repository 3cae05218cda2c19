import { type Gateway, startGateway } from '../support/gateway-harness';
import { givenLlmCall, givenProject } from '../support/read-model-rows';

describe('POST /v1/projects/estimate', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw?.stop());

  const estimate = (requirements: unknown, as: 'requester' | 'viewer' = 'requester') =>
    gw.call('/v1/projects/estimate', { method: 'POST', as, json: { requirements } });

  /** A project in `state` whose requirements are `chars` long, with one call per stage given. */
  const givenPast = async (
    state: string,
    chars: number,
    calls: Record<string, number>,
    workspace?: string,
  ): Promise<void> => {
    const id = await givenProject(gw, { state });
    if (workspace !== undefined) {
      await gw.sql.query(
        `INSERT INTO "${gw.schemas.gateway}".project_workspaces (project_id, workspace) VALUES ($1, $2)`,
        [id, workspace],
      );
    }
    await gw.sql.query(
      `UPDATE "${gw.schemas.orchestrator}".projects SET requirements = $2 WHERE id = $1`,
      [id, 'r'.repeat(chars)],
    );
    for (const [stage, inputTokens] of Object.entries(calls)) {
      await givenLlmCall(gw, id, {
        stage,
        inputTokens,
        outputTokens: Math.round(inputTokens / 10),
        costUsd: inputTokens / 1e6,
      });
    }
  };

  it('forecasts nothing before any project has completed', async () => {
    await givenPast('running', 1_000, { prd: 99_999 });
    const response = await estimate('A tool library for a neighbourhood.');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      requirementsChars: 35,
      basedOnProjects: 0,
      stages: [],
      total: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    });
  });

  it('forecasts per stage, in pipeline order, from completed projects of its workspaces', async () => {
    // prd: 1 000 tokens + 1 per char; plan: 4 000 + 2 per char. The running project and the one
    // of another workspace (the requester's key is in `default`) are not learnt from.
    await givenPast('completed', 1_000, { plan: 6_000, prd: 2_000 });
    await givenPast('completed', 3_000, { plan: 10_000, prd: 4_000 });
    await givenPast('completed', 2_000, { plan: 900_000, qa: 900_000 }, 'elsewhere');

    const response = await estimate('x'.repeat(2_000));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      requirementsChars: 2_000,
      basedOnProjects: 2,
      stages: [
        { stage: 'prd', inputTokens: 3_000, outputTokens: 300, costUsd: 0.003 },
        { stage: 'plan', inputTokens: 8_000, outputTokens: 800, costUsd: 0.008 },
      ],
      total: { inputTokens: 11_000, outputTokens: 1_100, costUsd: 0.011 },
    });
  });

  it.each([[''], ['   '], [42], [undefined]])(
    'answers %p requirements with problem details',
    async (requirements) => {
      const response = await estimate(requirements);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    },
  );

  it('is for requesters: a viewer may not ask', async () => {
    expect((await estimate('A tool library.', 'viewer')).status).toBe(403);
  });
});
