import { type AppName } from '@agentbus/contracts';
import {
  deleteNamespaceStreams,
  natsUrl,
  postgresUrl,
  stopAllProcesses,
  testNamespace,
} from '@agentbus/testing';
import { Client } from 'pg';
import { APP_NAMES } from '@agentbus/contracts';
import { type RunningApp, startApp } from '@agentbus/testing';

describe('the six services', () => {
  const namespace = testNamespace();
  let apps: RunningApp[] = [];

  beforeAll(async () => {
    // Readers find the owners' read-model views in the owners' schemas, as in production.
    const wiring = {
      ORCHESTRATOR_SCHEMA: `${namespace}_master_orchestrator`,
      WORKER_SCHEMA: `${namespace}_cpu_agent_worker`,
    };
    apps = await Promise.all(APP_NAMES.map((app) => startApp(app, namespace, wiring)));
  });

  afterAll(async () => {
    await stopAllProcesses();
    await deleteNamespaceStreams(await natsUrl(), namespace);
    const pg = new Client({ connectionString: await postgresUrl() });
    await pg.connect();
    for (const app of APP_NAMES) {
      await pg.query(`DROP SCHEMA IF EXISTS ${namespace}_${app.replace(/-/g, '_')} CASCADE`);
    }
    await pg.end();
  });

  it('all become ready, serve health and metrics, then exit cleanly within 10 s of SIGTERM', async () => {
    await Promise.all(
      apps.map((app) => app.process.waitForHttp(`${app.url}/readyz`, { timeoutMs: 45_000 })),
    );

    for (const app of apps) {
      const health = await fetch(`${app.url}/healthz`);
      expect(health.status).toBe(200);
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      expect(metrics).toContain(`service="${app.app}"`);
      expect(metrics).toContain('http_server_request_duration_seconds');
    }

    const stops = apps.map(async (app) => {
      const signalledAt = Date.now();
      app.process.kill('SIGTERM');
      const exit = await app.process.waitForExit(15_000);
      return { app: app.app as AppName, code: exit.code, ms: Date.now() - signalledAt };
    });
    const results = await Promise.all(stops);
    for (const result of results) {
      expect(result).toEqual({ app: result.app, code: 0, ms: expect.any(Number) });
      expect(result.ms).toBeLessThan(10_000);
    }
  });
});
