import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ArtifactRef,
  MemoryPatternGetV1,
  MemorySearchV1,
  type PatternType,
} from '@agentbus/contracts';
import { answer, QueryFailedError, type QueryResponder } from '@agentbus/messaging';
import { eventually } from '@agentbus/testing';
import { startWorker } from '../support/worker-app';

type Request = Parameters<Parameters<typeof answer<typeof MemorySearchV1>>[2]>[0]['data'];

interface StoredPattern {
  readonly id: string;
  readonly type: PatternType;
  readonly text: string;
  readonly name?: string;
}

// What memory holds in this suite. The memory-service's own search has its suite in
// apps/memory-service; here a responder on the real bus answers the real contract as memory does
// (types, excludeIds, k; a template by id), so the worker's side is tested alone: what it asks, what reaches the
// prompt, what the artifact records, and memory being down or slow.
const PATTERNS: StoredPattern[] = [
  { id: 'artifact-prd-a', type: 'prd', text: 'PATTERN-PRD-A: riders rent bikes by the hour.' },
  { id: 'artifact-prd-b', type: 'prd', text: 'PATTERN-PRD-B: a fleet dashboard for admins.' },
  { id: 'artifact-arch-a', type: 'architecture', text: 'PATTERN-ARCH-A: one Postgres.' },
  {
    id: 'template-rest-api',
    type: 'template',
    text: 'TEMPLATE-REST: versioned paths and problem details.',
    name: 'REST API service',
  },
];

describe('cpu-agent-worker memory', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let responder: QueryResponder | undefined;
  let patternGet: QueryResponder | undefined;
  const asked: Request[] = [];
  let delayMs = 0;

  beforeAll(async () => {
    worker = await startWorker({
      WORKER_MEMORY_TIMEOUT_MS: '500',
      LOG_LEVEL: 'error',
      // The spec reads the sent results back from the outbox.
      OUTBOX_SENT_ROWS: 'keep',
    });
  });
  afterAll(async () => {
    await responder?.stop();
    await patternGet?.stop();
    await worker?.stop();
  });

  const startMemory = async () => {
    responder ??= await answer(worker.bus, MemorySearchV1, async (request) => {
      asked.push(request.data);
      if (delayMs > 0) await sleep(delayMs);
      const { types, excludeIds = [], k } = request.data;
      const hits = PATTERNS.filter(
        (pattern) => (types ?? []).includes(pattern.type) && !excludeIds.includes(pattern.id),
      )
        .slice(0, k)
        .map((pattern, i) => ({
          id: pattern.id,
          type: pattern.type,
          score: 1 - i / 10,
          text: pattern.text,
          metadata: pattern.name === undefined ? { source: 'project' } : { name: pattern.name },
        }));
      return { hits };
    });
    patternGet ??= await answer(worker.bus, MemoryPatternGetV1, async ({ data }) => {
      const pattern = PATTERNS.find((candidate) => candidate.id === data.id);
      if (!pattern) throw new QueryFailedError('not-found', `no pattern has id ${data.id}`);
      return {
        id: pattern.id,
        type: pattern.type,
        source: 'template' as const,
        text: pattern.text,
        metadata: pattern.name === undefined ? {} : { name: pattern.name },
        retrievedCount: 0,
        successes: 0,
        failures: 0,
        successScore: 0.5,
        createdAt: new Date().toISOString(),
        lastUsedAt: null,
      };
    });
  };

  /** Runs the prd stage of a new project; its artifact's memory record and its prompt's text. */
  const runPrd = async (memory?: Parameters<typeof worker.dispatch>[5]) => {
    const projectId = await worker.newProject();
    await worker.dispatch(projectId, 'prd', 1, [], undefined, memory);
    const artifact = await eventually(async () => {
      const { rows } = await worker.pg.query<{ memory: ArtifactRef['memory'] | null }>(
        `SELECT memory FROM ${worker.workerSchema}.artifacts WHERE project_id = $1`,
        [projectId],
      );
      expect(rows[0]).toBeDefined();
      return rows[0];
    });
    const { rows } = await worker.pg.query<{ prompt: unknown }>(
      `SELECT prompt FROM ${worker.workerSchema}.llm_calls WHERE project_id = $1 ORDER BY step`,
      [projectId],
    );
    const succeeded = await worker.pg.query<{ memory: unknown }>(
      `SELECT envelope->'data'->'artifact'->'memory' AS memory FROM ${worker.workerSchema}.outbox
       WHERE subject = 'agentbus.task.v1.cpu.succeeded' AND envelope->'data'->>'projectId' = $1`,
      [projectId],
    );
    return {
      projectId,
      memory: artifact?.memory,
      prompt: rows.map((row) => JSON.stringify(row.prompt)).join('\n'),
      resultMemory: succeeded.rows[0]?.memory,
    };
  };

  it('completes without memory and says so on the artifact when memory does not answer', async () => {
    const run = await runPrd();
    expect(run.memory).toEqual({ patternIds: [], unavailable: true });
    expect(run.resultMemory).toEqual({ patternIds: [], unavailable: true });
    expect(run.prompt).not.toContain('<memory_patterns');
  });

  it("puts the stage's patterns in the prompt and records their ids on the artifact", async () => {
    await startMemory();
    const run = await runPrd();
    expect(asked.at(-1)).toMatchObject({ types: ['prd'], k: 3 });
    expect(asked.at(-1)?.text).toContain('A bike rental web app');
    expect(run.prompt).toContain('PATTERN-PRD-A');
    expect(run.prompt).toContain('PATTERN-PRD-B');
    expect(run.prompt).not.toContain('PATTERN-ARCH-A');
    expect(run.memory).toEqual({ patternIds: ['artifact-prd-a', 'artifact-prd-b'] });
    // The result the orchestrator keeps carries the same record (ArtifactRef.memory).
    expect(run.resultMemory).toEqual(run.memory);
  });

  it('puts the project template first and never an excluded pattern', async () => {
    await startMemory();
    const run = await runPrd({
      templateId: 'template-rest-api',
      excludePatternIds: ['artifact-prd-a'],
    });
    expect(asked.some((request) => request.excludeIds?.includes('artifact-prd-a'))).toBe(true);
    expect(run.memory).toEqual({ patternIds: ['template-rest-api', 'artifact-prd-b'] });
    expect(run.prompt).toContain('Title: REST API service\\nTEMPLATE-REST');
    expect(run.prompt.indexOf('TEMPLATE-REST')).toBeLessThan(run.prompt.indexOf('PATTERN-PRD-B'));
    expect(run.prompt).not.toContain('PATTERN-PRD-A');
  });

  it('treats memory slower than its deadline as down', async () => {
    await startMemory();
    delayMs = 2_000;
    try {
      const run = await runPrd();
      expect(run.memory).toEqual({ patternIds: [], unavailable: true });
    } finally {
      delayMs = 0;
    }
  });

  it('asks memory once per attempt: a redelivery reuses the answer, so the prompt is the same', async () => {
    await startMemory();
    const first = await runPrd();
    const askedBefore = asked.length;
    // The same attempt again (a redelivery after a lost ack): memory now holds other patterns.
    PATTERNS.unshift({ id: 'artifact-prd-new', type: 'prd', text: 'PATTERN-PRD-NEW' });
    try {
      await worker.publishTask(first.projectId, 'prd', 1);
      await eventually(async () => {
        const { rows } = await worker.pg.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${worker.workerSchema}.outbox
           WHERE subject = 'agentbus.task.v1.cpu.succeeded' AND envelope->'data'->>'projectId' = $1`,
          [first.projectId],
        );
        expect(rows[0]?.n).toBe(2);
      });
      expect(asked.length).toBe(askedBefore);
      const { rows } = await worker.pg.query<{ memory: unknown }>(
        `SELECT envelope->'data'->'artifact'->'memory' AS memory FROM ${worker.workerSchema}.outbox
         WHERE subject = 'agentbus.task.v1.cpu.succeeded' AND envelope->'data'->>'projectId' = $1`,
        [first.projectId],
      );
      expect(rows.map((row) => row.memory)).toEqual([first.memory, first.memory]);
    } finally {
      PATTERNS.shift();
    }
  });
});
