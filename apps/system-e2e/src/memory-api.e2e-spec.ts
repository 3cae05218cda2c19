import { randomBytes } from 'node:crypto';
import {
  deleteNamespaceStreams,
  eventually,
  migrateOwnerSchema,
  postgresUrl,
  type RunningApp,
  schemaOf,
  stackWiring,
  startApp,
  testNamespace,
} from '@agentbus/testing';
import { type AppName } from '@agentbus/contracts';
import { Client } from 'pg';

// The gateway and memory read the orchestrator's and worker's views: their schemas are migrated as
// those services would, without running them (nothing here runs a project).
const READ_MODEL_OWNERS = ['master-orchestrator', 'cpu-agent-worker'] as const;
const MEMORY_APPS: readonly AppName[] = ['memory-service', 'gateway'];
const readyMs = Number(process.env['STACK_READY_TIMEOUT_MS'] ?? '') || 60_000;

interface Answer {
  readonly status: number;
  readonly type: string | null;
  readonly body: Record<string, unknown>;
}

/**
 * The memory API through the built gateway and memory-service on the real NATS, Postgres and Chroma: the shipped templates, a manual pattern
 * stored, found, and deleted by an operator, refused to a viewer, and memory-service down → 503.
 */
describe('memory API end to end', () => {
  const namespace = testNamespace();
  const adminKey = randomBytes(24).toString('hex');
  const apps = new Map<AppName, RunningApp>();
  let viewerKey = '';

  const call = async (path: string, key: string, method = 'GET', json?: unknown) => {
    const response = await fetch(`${apps.get('gateway')?.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
    } satisfies Answer;
  };
  const hitIds = (answer: Answer) =>
    (answer.body['hits'] as { id: string }[] | undefined)?.map((hit) => hit.id) ?? [];

  beforeAll(async () => {
    for (const owner of READ_MODEL_OWNERS) {
      await migrateOwnerSchema(await postgresUrl(), owner, schemaOf(namespace, owner));
    }
    for (const app of MEMORY_APPS) {
      const running = await startApp(app, namespace, stackWiring(namespace, adminKey));
      await running.process.waitForHttp(`${running.url}/readyz`, { timeoutMs: readyMs });
      apps.set(app, running);
    }
    const made = await call('/v1/api-keys', adminKey, 'POST', { name: 'reader', role: 'viewer' });
    viewerKey = String(made.body['key']);
  }, 300_000);

  afterAll(async () => {
    for (const running of apps.values()) {
      running.process.kill('SIGTERM');
      await running.process.waitForExit(15_000).catch(() => undefined);
    }
    const pg = new Client({ connectionString: await postgresUrl() });
    await pg.connect();
    for (const app of [...MEMORY_APPS, ...READ_MODEL_OWNERS]) {
      await pg.query(`DROP SCHEMA IF EXISTS ${schemaOf(namespace, app)} CASCADE`);
    }
    await pg.end();
    await deleteNamespaceStreams(process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222', namespace);
  });

  it('lists the shipped templates and finds one by meaning, for a viewer', async () => {
    const templates = await call('/v1/memory/templates', viewerKey);
    expect(templates.status).toBe(200);
    expect((templates.body['templates'] as { id: string }[]).map((t) => t.id).sort()).toEqual([
      'template-microservices',
      'template-ml-pipeline',
      'template-mobile-backend',
      'template-rest-api',
      'template-web-saas',
    ]);
    await eventually(
      async () => {
        const search = await call(
          '/v1/memory/search?q=subscription%20plans%20for%20a%20multi-tenant%20web%20product&type=template&k=2',
          viewerKey,
        );
        expect(hitIds(search)[0]).toBe('template-web-saas');
      },
      { timeoutMs: 30_000 },
    );
  });

  it('lets an admin store, find and delete a pattern, and refuses the viewer', async () => {
    const pattern = {
      id: 'manual-e2e-lighthouse',
      type: 'qa',
      text: 'Lighthouse keeping rota with tide tables and lamp maintenance logs.',
      metadata: { topic: 'lighthouses' },
    };
    expect((await call('/v1/memory/patterns', viewerKey, 'POST', pattern)).status).toBe(403);
    const stored = await call('/v1/memory/patterns', adminKey, 'POST', pattern);
    expect(stored).toMatchObject({ status: 201, body: { status: 'created' } });
    await eventually(async () => {
      const search = await call('/v1/memory/search?q=lighthouse%20tide%20rota&k=3', viewerKey);
      expect(hitIds(search)[0]).toBe(pattern.id);
    });
    expect(await call(`/v1/memory/patterns/${pattern.id}`, viewerKey)).toMatchObject({
      status: 200,
      body: { source: 'manual', metadata: { topic: 'lighthouses' } },
    });
    const stats = await call('/v1/memory/stats', viewerKey);
    expect(stats.body).toMatchObject({ bySource: { template: 5, manual: 1 } });

    expect((await call(`/v1/memory/patterns/${pattern.id}`, viewerKey, 'DELETE')).status).toBe(403);
    const deleted = await call(`/v1/memory/patterns/${pattern.id}`, adminKey, 'DELETE');
    expect(deleted).toMatchObject({ status: 200, body: { id: pattern.id, archived: true } });
    const gone = await call(`/v1/memory/patterns/${pattern.id}`, viewerKey);
    expect(gone.status).toBe(404);
    expect(gone.type).toContain('application/problem+json');
    expect(
      hitIds(await call('/v1/memory/search?q=lighthouse%20tide%20rota', viewerKey)),
    ).not.toContain(pattern.id);
    expect(
      (await call('/v1/memory/patterns/template-web-saas', adminKey, 'DELETE')).body,
    ).toMatchObject({ type: 'urn:agentbus:problem:memory-shipped-template' });
  });

  it('answers 503 problem+json saying what to check when memory-service is down', async () => {
    const memory = apps.get('memory-service');
    memory?.process.kill('SIGTERM');
    await memory?.process.waitForExit(15_000);
    const down = await call('/v1/memory/search?q=anything', viewerKey);
    expect(down).toMatchObject({
      status: 503,
      body: { type: 'urn:agentbus:problem:memory-unavailable' },
    });
    expect(down.type).toContain('application/problem+json');
    expect(String(down.body['detail'])).toContain('/readyz');
  });
});
