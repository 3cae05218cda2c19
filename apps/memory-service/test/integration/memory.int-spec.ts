import { randomUUID } from 'node:crypto';
import {
  createEnvelope,
  MemorySearchV1,
  ProjectCompletedV1,
  ProjectDataDeletedV1,
  ProjectDeletionRequestedV1,
  ProjectFailedV1,
  wireSubject,
} from '@agentbus/contracts';
import { ask, Publisher } from '@agentbus/messaging';
import { eventually } from '@agentbus/testing';
import { type INestApplication } from '@nestjs/common';
import { ProjectCompletedHandler } from '../../src/learning/project-completed.handler';
import { ProjectFailedHandler } from '../../src/learning/project-failed.handler';
import { PatternsService } from '../../src/patterns/patterns.service';
import { PatternRetention } from '../../src/retention/pattern-retention';
import { SHIPPED_TEMPLATES } from '../../src/templates/shipped-templates';
import { type MemoryHarness, startMemoryHarness } from '../support/memory-app';

const DAY_MS = 86_400_000;

describe('memory-service on real Postgres, NATS and Chroma', () => {
  let env: MemoryHarness;
  let app: INestApplication;

  beforeAll(async () => {
    env = await startMemoryHarness();
    app = await env.start();
  });

  afterAll(() => env?.stop());

  const search = (data: Parameters<typeof ask<typeof MemorySearchV1>>[2]) =>
    ask(env.bus, MemorySearchV1, data, { source: 'test', correlationId: randomUUID() });
  const count = async (sql: string, params: unknown[] = []) =>
    (await env.pg.query<{ n: number }>(sql, params)).rows[0]?.n;

  /** A project the worker wrote artifacts for; `used` are the pattern ids its prd stage used. */
  const aFinishedProject = async (bodies: Record<string, string>, used: string[] = []) => {
    const projectId = randomUUID();
    const artifactIds: string[] = [];
    for (const [stage, body] of Object.entries(bodies)) {
      const id = randomUUID();
      artifactIds.push(id);
      await env.pg.query(
        `INSERT INTO "${env.workerSchema}".artifacts (id, project_id, stage, version, attempt,
           format, body, sha256, size_bytes, agent, provider, model)
         VALUES ($1, $2, $3, 1, 1, 'markdown', $4, repeat('a', 64), 5, 'a', 'offline', 'm')`,
        [id, projectId, stage, body],
      );
    }
    await env.pg.query(
      `INSERT INTO "${env.orchestratorSchema}".projects (id, name, requirements, options, state,
         submitted_by) VALUES ($1, 'p', 'r', '{}', 'completed', 'test')`,
      [projectId],
    );
    await env.pg.query(
      `INSERT INTO "${env.orchestratorSchema}".stages (project_id, stage, state, attempt, artifact)
       VALUES ($1, 'prd', 'succeeded', 1, $2)`,
      [
        projectId,
        JSON.stringify({
          id: artifactIds[0] ?? randomUUID(),
          version: 1,
          sha256: 'a'.repeat(64),
          format: 'markdown',
          memory: { patternIds: used },
        }),
      ],
    );
    return { projectId, artifactIds };
  };

  it('loads the five templates once, and finds them by meaning with type and metadata filters', async () => {
    const stored = () =>
      count(
        `SELECT count(*)::int AS n FROM "${env.memorySchema}".patterns WHERE source = 'template'`,
      );
    expect(await stored()).toBe(5);
    const second = await env.start(); // a replica starting: templates unchanged, nothing written
    await env.stopApp(second);
    expect(await stored()).toBe(5);

    const { hits } = await eventually(async () => {
      const answer = await search({
        text: 'subscription plans and workspaces for a multi-tenant web product',
        types: ['template'],
        k: 2,
        minScore: 0,
      });
      expect(answer.hits[0]?.id).toBe('template-web-saas');
      return answer;
    });
    expect(hits).toHaveLength(2);
    expect(hits[0]).toMatchObject({
      type: 'template',
      successScore: 0.5,
      metadata: { source: 'template', name: 'Web SaaS application' },
    });
    expect(hits[0]?.text).toContain('multi-tenant');

    const onlyMobile = await search({
      text: 'subscription plans',
      where: { template: 'mobile-backend' },
      k: 5,
      minScore: 0,
    });
    expect(onlyMobile.hits.map((hit) => hit.id)).toEqual(['template-mobile-backend']);
    const excluded = await search({
      text: 'subscription plans and workspaces for a multi-tenant web product',
      types: ['template'],
      excludeIds: ['template-web-saas'],
      k: 5,
      minScore: 0,
    });
    expect(excluded.hits.map((hit) => hit.id)).not.toContain('template-web-saas');
    const strict = await search({ text: 'zebra', k: 5, minScore: 0.99 });
    expect(strict.hits).toEqual([]);
  });

  it('answers a malformed search with an error reply naming the problem', async () => {
    const envelope = {
      ...createEnvelope(
        MemorySearchV1.request,
        { text: 'x', k: 5, minScore: 0 },
        {
          source: 'test',
          correlationId: randomUUID(),
        },
      ),
      data: { text: '', k: 500, where: { 'bad key': 1 } },
    };
    const reply = await env.bus.nc.request(
      wireSubject(env.bus.namespace, MemorySearchV1.subject),
      JSON.stringify(envelope),
      { timeout: 5_000 },
    );
    const answer = MemorySearchV1.reply.parse(JSON.parse(reply.string()));
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error).toMatchObject({ code: 'invalid_request', retryable: false });
    expect(answer.error.message).toMatch(/text/);
    expect(answer.error.message).toMatch(/k/);
  });

  it('stores a completed project once under a duplicate delivery, and moves the patterns it reused', async () => {
    const { projectId, artifactIds } = await aFinishedProject(
      {
        prd: 'Veterinary clinic appointment booking: owners book visits for their pets online.',
        architecture: 'Booking service with Postgres and SMS reminders for pet appointments.',
        plan: 'Sprint plan (not a pattern type: not kept).',
      },
      ['template-web-saas'],
    );
    const completed = createEnvelope(
      ProjectCompletedV1,
      { projectId, artifactIds, totalTokens: 10, totalCostUsd: 0 },
      { source: 'master-orchestrator', correlationId: projectId },
    );
    await new Publisher(env.bus).publish(ProjectCompletedV1, completed.data, {
      source: 'master-orchestrator',
      correlationId: projectId,
      id: completed.id,
    });
    const ofProject = () =>
      count(`SELECT count(*)::int AS n FROM "${env.memorySchema}".patterns WHERE project_id = $1`, [
        projectId,
      ]);
    await eventually(async () => expect(await ofProject()).toBe(2));
    await app.get(ProjectCompletedHandler).handle(completed); // a redelivery
    expect(await ofProject()).toBe(2);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM "${env.memorySchema}".outbox WHERE subject = 'agentbus.memory.v1.pattern.stored'
         AND envelope->'data'->>'projectId' = $1`,
        [projectId],
      ),
    ).toBe(2);

    // A second project's search finds the first one's patterns, the reused template scored up.
    const { hits } = await eventually(async () => {
      const answer = await search({
        text: 'book appointments for pets at a vet',
        k: 3,
        minScore: 0,
      });
      expect(answer.hits.map((hit) => hit.metadata['projectId'])).toContain(projectId);
      return answer;
    });
    expect(hits[0]?.metadata).toMatchObject({ source: 'project', stage: expect.any(String) });
    const template = await app.get(PatternsService).get('template-web-saas');
    expect(template?.successScore).toBeCloseTo(2 / 3);

    const failed = await aFinishedProject({}, ['template-web-saas', 'template-rest-api']);
    await new Publisher(env.bus).publish(
      ProjectFailedV1,
      { projectId: failed.projectId, cause: 'gate rejected' },
      { source: 'master-orchestrator', correlationId: failed.projectId },
    );
    await eventually(async () =>
      expect((await app.get(PatternsService).get('template-rest-api'))?.successScore).toBeCloseTo(
        1 / 3,
      ),
    );
    expect((await app.get(PatternsService).get('template-web-saas'))?.successScore).toBeCloseTo(
      0.5,
    );
  });

  it('deletes the patterns derived from a deleted project and answers once', async () => {
    const { projectId, artifactIds } = await aFinishedProject({
      prd: 'Fleet telematics for delivery vans with route replay.',
    });
    const service = app.get(PatternsService);
    await app
      .get(ProjectCompletedHandler)
      .handle(
        createEnvelope(
          ProjectCompletedV1,
          { projectId, artifactIds, totalTokens: 1, totalCostUsd: 0 },
          { source: 'master-orchestrator', correlationId: projectId },
        ),
      );
    expect(await service.get(`artifact-${artifactIds[0]}`)).toBeDefined();

    await new Publisher(env.bus).publish(
      ProjectDeletionRequestedV1,
      { projectId, requestedBy: 'key:admin' },
      { source: 'gateway', correlationId: projectId },
    );
    await eventually(async () =>
      expect(
        (
          await env.pg.query(
            `SELECT envelope->'data' AS data FROM "${env.memorySchema}".outbox WHERE subject = $1
             AND envelope->'data'->>'projectId' = $2`,
            [ProjectDataDeletedV1.subject, projectId],
          )
        ).rows.map((row: { data: unknown }) => row.data),
      ).toEqual([{ projectId, service: 'memory-service', deleted: 1 }]),
    );
    expect(await service.get(`artifact-${artifactIds[0]}`)).toBeUndefined();
    const { hits } = await search({ text: 'fleet telematics delivery vans', k: 10, minScore: 0 });
    expect(hits.map((hit) => hit.id)).not.toContain(`artifact-${artifactIds[0]}`);
  });

  it('keeps success counts equal to the outcomes: latest outcome of a project wins, a deleted project leaves them', async () => {
    const service = app.get(PatternsService);
    await service.store(
      ['count-a', 'count-b'].map((id) => ({
        id,
        type: 'qa' as const,
        source: 'manual' as const,
        text: `test plan ${id}`,
        metadata: {},
      })),
    );
    const ended = (projectId: string, outcome: 'completed' | 'failed') =>
      outcome === 'completed'
        ? app
            .get(ProjectCompletedHandler)
            .handle(
              createEnvelope(
                ProjectCompletedV1,
                { projectId, artifactIds: [], totalTokens: 1, totalCostUsd: 0 },
                { source: 'master-orchestrator', correlationId: projectId },
              ),
            )
        : app
            .get(ProjectFailedHandler)
            .handle(
              createEnvelope(
                ProjectFailedV1,
                { projectId, cause: 'gate rejected' },
                { source: 'master-orchestrator', correlationId: projectId },
              ),
            );
    const counts = async (id: string) => {
      const pattern = await service.get(id);
      return [pattern?.successes, pattern?.failures];
    };

    const first = await aFinishedProject({}, ['count-a', 'count-b']);
    await ended(first.projectId, 'completed');
    const restarted = await aFinishedProject({}, ['count-a']);
    await ended(restarted.projectId, 'failed');
    expect(await counts('count-a')).toEqual([1, 1]);
    await ended(restarted.projectId, 'completed'); // restarted after failing, then completed
    await ended(restarted.projectId, 'completed'); // a second completion message: no change
    expect(await counts('count-a')).toEqual([2, 0]);
    expect(await counts('count-b')).toEqual([1, 0]);
    expect((await service.get('count-a'))?.successScore).toBeCloseTo(3 / 4);

    await new Publisher(env.bus).publish(
      ProjectDeletionRequestedV1,
      { projectId: restarted.projectId, requestedBy: 'key:admin' },
      { source: 'gateway', correlationId: restarted.projectId },
    );
    await eventually(async () => expect(await counts('count-a')).toEqual([1, 0]));
    expect(await counts('count-b')).toEqual([1, 0]);
    // The counts on every row are exactly what the outcome rows say.
    const drift = await env.pg.query(
      `SELECT p.id FROM "${env.memorySchema}".patterns p
       LEFT JOIN "${env.memorySchema}".pattern_outcomes o ON o.pattern_id = p.id
       GROUP BY p.id
       HAVING p.successes <> count(o.*) FILTER (WHERE o.outcome = 'completed')
           OR p.failures <> count(o.*) FILTER (WHERE o.outcome = 'failed')`,
    );
    expect(drift.rows).toEqual([]);
  });

  it('retention archives exactly the expired patterns, keeps templates, and records the run', async () => {
    const service = app.get(PatternsService);
    await service.store([
      { id: 'manual-old', type: 'qa', source: 'manual', text: 'old manual note', metadata: {} },
      { id: 'manual-used', type: 'qa', source: 'manual', text: 'used manual note', metadata: {} },
      { id: 'manual-new', type: 'qa', source: 'manual', text: 'fresh manual note', metadata: {} },
      { id: 'project-old', type: 'prd', source: 'project', text: 'old accepted prd', metadata: {} },
      {
        id: 'project-60',
        type: 'prd',
        source: 'project',
        text: 'recent accepted prd',
        metadata: {},
      },
    ]);
    const age = (id: string, days: number, usedDaysAgo?: number) =>
      env.pg.query(
        `UPDATE "${env.memorySchema}".patterns SET created_at = $2, last_used_at = $3 WHERE id = $1`,
        [
          id,
          new Date(Date.now() - days * DAY_MS),
          usedDaysAgo === undefined ? null : new Date(Date.now() - usedDaysAgo * DAY_MS),
        ],
      );
    await age('manual-old', 31);
    await age('manual-used', 100, 5);
    await age('project-old', 91);
    await age('project-60', 60);
    await env.pg.query(
      `UPDATE "${env.memorySchema}".patterns SET created_at = now() - interval '3000 days'
       WHERE source = 'template'`,
    );

    const run = await app.get(PatternRetention).runOnce(new Date());

    expect(run.archived).toEqual({ qa: 1, prd: 1 });
    const archived = await env.pg.query(
      `SELECT id, text, reason FROM "${env.memorySchema}".pattern_archive ORDER BY id`,
    );
    expect(archived.rows.map((row: { id: string }) => row.id)).toEqual([
      'manual-old',
      'project-old',
    ]);
    expect(archived.rows[0]).toMatchObject({
      text: 'old manual note',
      reason: expect.stringMatching(/manual/),
    });
    for (const id of ['manual-used', 'manual-new', 'project-60', 'template-web-saas']) {
      expect(await service.get(id)).toBeDefined();
    }
    expect(await service.get('manual-old')).toBeUndefined();
    expect(run.kept['template']).toBe(5);
    expect(
      await count(`SELECT count(*)::int AS n FROM "${env.memorySchema}".retention_runs`),
    ).toBeGreaterThanOrEqual(1);
    const { hits } = await search({ text: 'old manual note', k: 10, minScore: 0 });
    expect(hits.map((hit) => hit.id)).not.toContain('manual-old');
  });

  it('lists the five shipped templates with their names', () => {
    expect(SHIPPED_TEMPLATES.map((t) => t.id)).toEqual([
      'template-web-saas',
      'template-ml-pipeline',
      'template-rest-api',
      'template-microservices',
      'template-mobile-backend',
    ]);
  });
});
