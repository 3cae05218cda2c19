import { routeMlWork } from '@agentbus/ml-detection';
import { type Gateway, startGateway } from '../support/gateway-harness';
import { givenProject } from '../support/read-model-rows';

const YOLO = 'Train a YOLO detector on drone images to count cars in parking lots.';

describe('projects: the ML routing in the detail', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw?.stop());

  /** A project whose orchestrator row holds this routing decision, as the orchestrator writes it. */
  const givenRouted = async (routing: object | null): Promise<string> => {
    const id = await givenProject(gw);
    await gw.sql.query(
      `UPDATE "${gw.schemas.orchestrator}".projects SET routing = $2::jsonb WHERE id = $1`,
      [id, routing === null ? null : JSON.stringify(routing)],
    );
    return id;
  };

  const detail = async (id: string) => {
    const response = await gw.call(`/v1/projects/${id}`, { as: 'viewer' });
    expect(response.status).toBe(200);
    return (await response.json()) as { routing: Record<string, unknown> | null };
  };

  it('shows an ML project routed to the GPU: confidence, signals, workloads and resources', async () => {
    const id = await givenRouted(routeMlWork(YOLO, 'auto'));
    const { routing } = await detail(id);
    expect(routing).toMatchObject({
      ml: true,
      target: 'gpu',
      mlFeasibility: true,
      reason: expect.stringMatching(/ML work detected/),
      workloads: expect.arrayContaining([expect.objectContaining({ type: 'cv_detection' })]),
      resources: { gpus: 1, gpuType: expect.any(String), gpuMemoryGi: expect.any(Number) },
    });
    expect(routing?.['confidence']).toBeGreaterThanOrEqual(0.5);
    expect(JSON.stringify(routing?.['signals'])).toMatch(/yolo/i);
  });

  it('says why ml_feasibility is skipped when options.gpu forbids the GPU', async () => {
    const id = await givenRouted(routeMlWork(YOLO, 'forbid'));
    const { routing } = await detail(id);
    expect(routing).toMatchObject({
      ml: true,
      target: 'cpu',
      mlFeasibility: false,
      reason: expect.stringMatching(/options\.gpu is forbid: ml_feasibility is skipped/),
    });
  });

  it('shows null for a project submitted before routing existed', async () => {
    const id = await givenRouted(null);
    expect((await detail(id)).routing).toBeNull();
  });
});
