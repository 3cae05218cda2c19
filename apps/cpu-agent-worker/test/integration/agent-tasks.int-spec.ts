import { AGENTS, agentForStage, parseOutput } from '@agentbus/agents';
import { type ArtifactRef, STAGE_IDS, type StageId } from '@agentbus/contracts';
import { eventually } from '@agentbus/testing';
import { Registry } from 'prom-client';
import { startWorker } from '../support/worker-app';

// Every CPU stage in pipeline order (STAGE_IDS is ordered; ml_feasibility is a GPU stage).
const ORDER: StageId[] = STAGE_IDS.filter((stage) => agentForStage(stage) !== undefined);

describe('cpu-agent-worker with the offline provider', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;

  beforeAll(async () => {
    // The spec reads the sent results back from the outbox.
    worker = await startWorker({ OUTBOX_SENT_ROWS: 'keep' });
  });

  afterAll(() => worker?.stop());

  const newProject = () => worker.newProject();
  const dispatch: Awaited<ReturnType<typeof startWorker>>['dispatch'] = (...args) =>
    worker.dispatch(...args);

  const artifactOf = async (projectId: string, stage: StageId, attempt: number) => {
    const rows = await worker.pg.query<{
      id: string;
      version: number;
      sha256: string;
      format: 'json' | 'markdown';
      body: string;
    }>(
      `SELECT id, version, sha256, format, body FROM ${worker.workerSchema}.artifacts
       WHERE project_id = $1 AND stage = $2 AND attempt = $3`,
      [projectId, stage, attempt],
    );
    return rows.rows[0];
  };

  const succeededResults = async (projectId: string) =>
    (
      await worker.pg.query(
        `SELECT envelope FROM ${worker.workerSchema}.outbox
         WHERE subject = 'agentbus.task.v1.cpu.succeeded' AND envelope->'data'->>'projectId' = $1`,
        [projectId],
      )
    ).rows.length;

  it('runs all twelve agents in order, each artifact valid against its schema or sections', async () => {
    const projectId = await newProject();
    const refs = new Map<StageId, ArtifactRef>();
    for (const stage of ORDER) {
      const agent = agentForStage(stage);
      if (!agent) throw new Error(stage);
      const inputs = [...agent.inputs, ...(agent.optionalInputs ?? [])]
        .filter((input) => refs.has(input))
        .map((input) => ({ stage: input, artifact: refs.get(input) as ArtifactRef }));
      await dispatch(projectId, stage, 1, inputs);
      const artifact = await eventually(
        async () => {
          const found = await artifactOf(projectId, stage, 1);
          expect(found).toBeDefined();
          return found as NonNullable<typeof found>;
        },
        { timeoutMs: 20_000 },
      );
      const parsed = parseOutput(AGENTS[agent.id], artifact.body);
      expect({ stage, problems: parsed.ok ? [] : parsed.problems }).toEqual({
        stage,
        problems: [],
      });
      expect(artifact.body.toLowerCase()).toContain('offline');
      refs.set(stage, {
        id: artifact.id,
        version: artifact.version,
        sha256: artifact.sha256,
        format: artifact.format,
      });
    }
    await eventually(async () => expect(await succeededResults(projectId)).toBe(ORDER.length));

    // Each recorded call keeps the prompt it sent: the architect's carries the PRD it was given.
    const prompts = await worker.pg.query<{
      prompt: { system: string; messages: { content: string }[] };
    }>(
      `SELECT prompt FROM ${worker.workerSchema}.llm_calls WHERE project_id = $1 AND stage = 'architecture'`,
      [projectId],
    );
    const prdBody = (await artifactOf(projectId, 'prd', 1))?.body ?? '';
    const sent = prompts.rows.map((row) => JSON.stringify(row.prompt)).join('\n');
    expect(prompts.rows.length).toBeGreaterThan(0);
    expect(prompts.rows[0]?.prompt.system.length).toBeGreaterThan(0);
    expect(sent).toContain(JSON.stringify(prdBody.slice(0, 60)).slice(1, -1));

    const metrics = await worker.app.get(Registry).metrics();
    expect(metrics).toMatch(
      /agent_bus_agent_invocations_total\{agent="architect",outcome="succeeded"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(
      /agent_bus_llm_tokens_total\{agent="architect",provider="offline",model="offline-1",direction="output"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(
      /agent_bus_llm_cost_dollars_total\{agent="architect",provider="offline"/,
    );
  });

  it('does not call the model or write a new version when an attempt is delivered again', async () => {
    const projectId = await newProject();
    await dispatch(projectId, 'prd', 1, []);
    const first = await eventually(async () => {
      const found = await artifactOf(projectId, 'prd', 1);
      expect(found).toBeDefined();
      return found;
    });
    await eventually(async () => expect(await succeededResults(projectId)).toBe(1));
    const calls = async () =>
      (
        await worker.pg.query(
          `SELECT count(*)::int AS n FROM ${worker.workerSchema}.llm_calls WHERE project_id = $1`,
          [projectId],
        )
      ).rows[0].n as number;
    const callsBefore = await calls();

    await dispatch(projectId, 'prd', 1, []); // same attempt, new message id (e.g. a re-sent task)
    await eventually(async () => expect(await succeededResults(projectId)).toBe(2));
    expect(await calls()).toBe(callsBefore);
    const versions = await worker.pg.query(
      `SELECT version FROM ${worker.workerSchema}.artifacts WHERE project_id = $1 AND stage = 'prd'`,
      [projectId],
    );
    expect(versions.rows).toEqual([{ version: first?.version }]);

    await dispatch(projectId, 'prd', 2, []); // a new attempt is a new version
    await eventually(async () => expect((await artifactOf(projectId, 'prd', 2))?.version).toBe(2));
  });

  it('runs no model call for an attempt the orchestrator no longer waits for', async () => {
    const projectId = await newProject();
    const staleCount = async () =>
      Number(
        (await worker.app.get(Registry).metrics()).match(
          /agent_bus_agent_invocations_total\{agent="prd",outcome="stale"[^}]*\} (\d+)/,
        )?.[1] ?? 0,
      );
    const before = await staleCount();
    // The orchestrator timed attempt 1 out and dispatched attempt 2; attempt 1 arrives late.
    await dispatch(projectId, 'prd', 2, []);
    await eventually(async () => expect((await artifactOf(projectId, 'prd', 2))?.version).toBe(1));
    await worker.pg.query(
      `UPDATE stages SET state = 'dispatched', attempt = 3 WHERE project_id = $1 AND stage = 'prd'`,
      [projectId],
    );
    await worker.publishTask(projectId, 'prd', 2); // attempt 2 again, now stale (stage at 3)
    await worker.publishTask(projectId, 'prd', 3, new Date(Date.now() - 1_000)); // past its deadline

    await eventually(async () => expect(await staleCount()).toBe(before + 2));
    const calls = await worker.pg.query(
      `SELECT attempt FROM ${worker.workerSchema}.llm_calls WHERE project_id = $1 ORDER BY attempt`,
      [projectId],
    );
    expect(calls.rows.map((row: { attempt: number }) => row.attempt)).toEqual([2]);
    expect(await artifactOf(projectId, 'prd', 3)).toBeUndefined();
    expect(await succeededResults(projectId)).toBe(1);
  });
});
