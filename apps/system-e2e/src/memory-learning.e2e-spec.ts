import { startStack, type Stack, testNamespace } from '@agentbus/testing';
import { eventually } from '@agentbus/testing';
import { apiOf } from './support/api';

const TERMINAL = ['completed', 'failed', 'cancelled'];
const NO_GATES = { gates: { prd_approval: false, delivery_approval: false } };

/** What the worker records on an artifact (`ArtifactRef.memory`). */
interface MemoryUsed {
  patternIds: string[];
  unavailable?: boolean;
}

/**
 * The learning loop through the whole stack (memory-service on real Chroma, MEMORY_EMBEDDER=hashed):
 * a finished project's artifacts become patterns that a later project's agents read and record; a
 * reviewer excludes one and restarts the stage without it; a named template comes first; and with
 * memory stopped, projects still complete and say memory was unavailable.
 */
describe('memory learning end to end', () => {
  let stack: Stack;
  let api: ReturnType<typeof apiOf>;

  beforeAll(async () => {
    stack = await startStack(testNamespace());
    api = apiOf(stack);
  }, 300_000);

  afterAll(() => stack?.stop());

  const worker = () => stack.schemaOf('cpu-agent-worker');

  const completed = async (id: string): Promise<string> => {
    const done = await api.waitFor(id, (v) => TERMINAL.includes(v.state), 240_000);
    expect(done.state).toBe('completed');
    return id;
  };
  /** The stage's artifact of `attempt` (its id and body) and what it recorded about memory. */
  const artifactOf = async (id: string, stage: string, attempt = 1) => {
    const { rows } = await stack.pg.query<{ id: string; body: string; memory: MemoryUsed | null }>(
      `SELECT id, body, memory FROM ${worker()}.artifacts
       WHERE project_id = $1 AND stage = $2 AND attempt = $3`,
      [id, stage, attempt],
    );
    expect(rows).toHaveLength(1);
    const [row] = rows;
    if (row === undefined) throw new Error('unreachable');
    return row;
  };
  /** The user prompt of every LLM call of the stage's attempts `>= fromAttempt`, as sent. */
  const promptsOf = async (id: string, stage: string | undefined, fromAttempt = 1) => {
    const { rows } = await stack.pg.query<{ prompt: { messages: { content: string }[] } }>(
      `SELECT prompt FROM ${worker()}.llm_calls
       WHERE project_id = $1 AND ($2::text IS NULL OR stage = $2) AND attempt >= $3`,
      [id, stage ?? null, fromAttempt],
    );
    expect(rows.length).toBeGreaterThan(0);
    return rows.map((row) => row.prompt.messages.map((message) => message.content).join('\n'));
  };

  it("puts a finished project's patterns in a later project's prompts, and a restart drops an excluded one", async () => {
    const a = await completed(await api.submit(NO_GATES, 'Bike rental north'));
    const aPrd = await artifactOf(a, 'prd');
    const learned = `artifact-${aPrd.id}`;
    // project.completed → memory stores A's accepted artifacts as patterns and indexes them.
    await eventually(
      async () => {
        const { rows } = await stack.pg.query(
          `SELECT 1 FROM ${stack.schemaOf('memory-service')}.patterns
           WHERE id = $1 AND indexed_embedder IS NOT NULL`,
          [learned],
        );
        expect(rows).toHaveLength(1);
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );

    const b = await completed(await api.submit(NO_GATES, 'Bike rental south'));
    const bPrd = await artifactOf(b, 'prd');
    expect(bPrd.memory?.unavailable).toBeUndefined();
    expect(bPrd.memory?.patternIds).toContain(learned);
    const snippet = aPrd.body.trim().slice(0, 80);
    for (const prompt of await promptsOf(b, 'prd')) {
      expect(prompt).toContain(`Title: prd pattern ${learned}`);
      expect(prompt).toContain(snippet);
    }
    // The orchestrator keeps the same record on the stage (memory moves the pattern's score on it).
    const { rows: stageRows } = await stack.pg.query<{ artifact: { memory?: MemoryUsed } }>(
      `SELECT artifact FROM ${stack.schemaOf('master-orchestrator')}.stages
       WHERE project_id = $1 AND stage = 'prd'`,
      [b],
    );
    expect(stageRows[0]?.artifact.memory).toEqual(bPrd.memory);
    // A reviewer sees them on the project: GET /v1/projects/:id, per stage.
    const { body: view } = await api.call('GET', `/v1/projects/${b}`);
    const prdView = (view as { stages: { stage: string; memory: unknown }[] }).stages.find(
      (stage) => stage.stage === 'prd',
    );
    expect(prdView?.memory).toEqual({ patternIds: bPrd.memory?.patternIds, unavailable: false });

    // A reviewer excludes A's PRD for B and restarts B's prd stage without it.
    const restart = await api.call('POST', `/v1/projects/${b}/restart`, {
      fromStage: 'prd',
      excludePatterns: [learned],
    });
    expect(restart.status).toBe(202);
    await api.waitFor(b, (v) => v.stages.some((s) => s.stage === 'prd' && s.attempt === 2));
    await completed(b);
    const rerun = await artifactOf(b, 'prd', 2);
    expect(rerun.memory?.unavailable).toBeUndefined();
    expect(rerun.memory?.patternIds).not.toContain(learned);
    // No prompt of any stage re-run after the restart carried it.
    for (const prompt of await promptsOf(b, undefined, 2)) expect(prompt).not.toContain(learned);
  }, 600_000);

  it('puts the template a project names first in every prompt, and refuses an unknown one', async () => {
    const unknown = await api.call('POST', '/v1/projects', {
      name: 'Partner API',
      requirements: 'A public REST API for partners.',
      templateId: 'template-nope',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ errors: [{ path: 'templateId' }] });

    const created = await api.call('POST', '/v1/projects', {
      name: 'Partner API',
      requirements: 'A public REST API for partners: versioned resources, keys and rate limits.',
      options: NO_GATES,
      templateId: 'template-rest-api',
    });
    expect(created.status).toBe(202);
    const id = await completed((created.body as { id: string }).id);
    for (const stage of ['prd', 'architecture', 'qa']) {
      expect((await artifactOf(id, stage)).memory?.patternIds[0]).toBe('template-rest-api');
      for (const prompt of await promptsOf(id, stage)) {
        expect(prompt).toContain('Title: REST API service');
      }
    }
  }, 300_000);

  it('completes a project while memory is stopped, its artifacts saying memory was unavailable', async () => {
    const memory = stack.apps.get('memory-service');
    memory?.process.kill('SIGTERM');
    await memory?.process.waitForExit();
    try {
      const id = await completed(await api.submit(NO_GATES, 'Bike rental offline'));
      const { rows } = await stack.pg.query<{ stage: string; memory: MemoryUsed | null }>(
        `SELECT stage, memory FROM ${worker()}.artifacts WHERE project_id = $1`,
        [id],
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.memory).toEqual({ patternIds: [], unavailable: true });
      }
    } finally {
      await stack.start('memory-service');
    }
  }, 300_000);
});
