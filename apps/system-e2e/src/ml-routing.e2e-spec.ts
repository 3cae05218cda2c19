import { startStack, type Stack, testNamespace } from '@agentbus/testing';
import { apiOf } from './support/api';

const YOLO =
  'Train a YOLO detector on drone images to count parked cars, and serve it behind an API.';
const TERMINAL = ['completed', 'failed', 'cancelled'];
const NO_GATES = { gates: { prd_approval: false, delivery_approval: false } };

/** The routing and GPU stage as GET /v1/projects/:id shows them. */
interface RoutedView {
  state: string;
  routing: { ml: boolean; target: string; mlFeasibility: boolean; reason: string } | null;
  stages: { stage: string; state: string; artifactVersion: number | null }[];
}

describe('ML routing end to end (gpu-job-controller, local backend)', () => {
  let stack: Stack;
  let api: ReturnType<typeof apiOf>;

  beforeAll(async () => {
    stack = await startStack(testNamespace(), {
      'gpu-job-controller': { GPU_BACKEND: 'local' },
    });
    api = apiOf(stack);
  }, 300_000);

  afterAll(() => stack?.stop());

  const submit = async (requirements: string, options: object): Promise<string> => {
    const { status, body } = await api.call('POST', '/v1/projects', {
      name: 'routing',
      requirements,
      options,
    });
    expect(status).toBe(202);
    return (body as { id: string }).id;
  };
  const finished = async (id: string) =>
    (await api.waitFor(id, (v) => TERMINAL.includes(v.state), 240_000)) as unknown as RoutedView;
  const gpuJobsOf = async (id: string) =>
    (
      await stack.pg.query(
        `SELECT stage, state FROM ${stack.schemaOf('gpu-job-controller')}.gpu_jobs WHERE project_id = $1`,
        [id],
      )
    ).rows;

  /** The feasibility artifact as the GPU job stored it (jobs/job-result.ts of the controller). */
  const feasibilityOf = async (id: string) => {
    const { rows } = await stack.pg.query<{ body: string }>(
      `SELECT body FROM ${stack.schemaOf('gpu-job-controller')}.gpu_artifacts
       WHERE project_id = $1 AND stage = 'ml_feasibility'`,
      [id],
    );
    expect(rows).toHaveLength(1);
    return JSON.parse(rows[0]?.body ?? '') as {
      jobName: string;
      result: { benchmark: string; metrics: { matmulGflops: number } };
    };
  };
  /** Everything a stage's first LLM call was told (system prompt and messages), as one text. */
  const promptOf = async (id: string, stage: string): Promise<string> => {
    const { rows } = await stack.pg.query<{ prompt: unknown }>(
      `SELECT prompt FROM ${stack.schemaOf('cpu-agent-worker')}.llm_calls
       WHERE project_id = $1 AND stage = $2 ORDER BY attempt, step LIMIT 1`,
      [id, stage],
    );
    expect(rows[0]?.prompt).toEqual({ system: expect.any(String), messages: expect.any(Array) });
    return JSON.stringify(rows[0]?.prompt);
  };

  it('runs ml_feasibility of an ML project as a GPU job (local backend) and completes the project', async () => {
    const id = await submit(YOLO, NO_GATES);
    const done = await finished(id);
    expect(done.state).toBe('completed');
    expect(done.routing).toMatchObject({ ml: true, target: 'gpu', mlFeasibility: true });
    expect(done.stages.find((s) => s.stage === 'ml_feasibility')).toMatchObject({
      state: 'succeeded',
      artifactVersion: 1,
    });
    expect(await gpuJobsOf(id)).toEqual([
      expect.objectContaining({ stage: 'ml_feasibility', state: 'succeeded' }),
    ]);
    // The feasibility result is an input of development and QA: each agent's recorded prompt
    // carries its benchmark, the job that measured it and a measured figure.
    const feasibility = await feasibilityOf(id);
    for (const stage of ['development', 'qa']) {
      const prompt = await promptOf(id, stage);
      expect(prompt).toContain('ml_feasibility');
      expect(prompt).toContain(feasibility.jobName);
      expect(prompt).toContain(feasibility.result.benchmark);
      expect(prompt).toContain(String(feasibility.result.metrics.matmulGflops));
    }
  }, 300_000);

  it('never dispatches a GPU task for a non-ML project', async () => {
    const id = await api.submit(NO_GATES);
    const done = await finished(id);
    expect(done.state).toBe('completed');
    expect(done.routing).toMatchObject({ ml: false, target: 'cpu', mlFeasibility: false });
    expect(done.stages.find((s) => s.stage === 'ml_feasibility')?.state).toBe('skipped');
    expect(await gpuJobsOf(id)).toEqual([]);
    expect(await promptOf(id, 'development')).not.toContain('ml_feasibility');
  }, 300_000);

  it('skips ml_feasibility of a GPU-forbidden ML project and says why', async () => {
    const id = await submit(YOLO, { ...NO_GATES, gpu: 'forbid' });
    const done = await finished(id);
    expect(done.state).toBe('completed');
    expect(done.routing).toMatchObject({
      ml: true,
      target: 'cpu',
      mlFeasibility: false,
      reason: expect.stringMatching(/forbid: ml_feasibility is skipped/),
    });
    expect(await gpuJobsOf(id)).toEqual([]);
  }, 300_000);

  it('refuses a bad options.gpu with 400 naming the field', async () => {
    const { status, body } = await api.call('POST', '/v1/projects', {
      name: 'routing',
      requirements: YOLO,
      options: { gpu: 'always' },
    });
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toMatch(/options\.gpu/);
  });
});
