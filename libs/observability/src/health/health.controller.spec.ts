import { startTestApp, type TestApp } from '../../test/start-test-app';
import { ObservabilityModule } from '../observability.module';
import { HealthController } from './health.controller';
import { HealthRegistry } from './health-registry';

describe(HealthController.name, () => {
  let sut: TestApp;
  let postgresUp = true;
  let chromaHangs = false;
  beforeAll(async () => {
    sut = await startTestApp({
      imports: [
        ObservabilityModule.forRoot({
          service: 'orch',
          logLevel: 'silent',
          readinessTimeoutMs: 100,
        }),
      ],
    });
    const health = sut.app.get(HealthRegistry);
    health.register('nats', async () => undefined);
    health.register('postgres', async () => {
      if (!postgresUp) throw new Error('ECONNREFUSED 127.0.0.1:5432');
    });
    health.register('chroma', () =>
      chromaHangs ? new Promise((resolve) => setTimeout(resolve, 1_000)) : Promise.resolve(),
    );
  });
  afterAll(() => sut.close());

  const get = async (path: string) => {
    const res = await fetch(sut.url(path));
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
  };

  it('answers /healthz with 200 while the process is alive', async () => {
    await expect(get('/healthz')).resolves.toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('turns /readyz to 503 problem+json naming the failing check, and back to 200', async () => {
    const ready = await get('/readyz');
    expect(ready).toMatchObject({
      status: 200,
      body: { status: 'ok', checks: { nats: { status: 'ok' }, postgres: { status: 'ok' } } },
    });

    postgresUp = false;
    const failing = await get('/readyz');
    expect(failing.status).toBe(503);
    expect(failing.type).toBe('application/problem+json');
    expect(failing.body).toMatchObject({
      status: 503,
      title: 'Service Unavailable',
      detail: 'Readiness checks failed: postgres',
      checks: {
        nats: { status: 'ok' },
        postgres: { status: 'failed', error: 'ECONNREFUSED 127.0.0.1:5432' },
      },
    });

    postgresUp = true;
    await expect(get('/readyz')).resolves.toMatchObject({ status: 200 });
  });

  it('counts a check slower than the configured timeout as failed', async () => {
    chromaHangs = true;
    const res = await get('/readyz');
    chromaHangs = false;
    expect(res).toMatchObject({
      status: 503,
      body: { checks: { chroma: { status: 'failed', error: 'timed out after 100 ms' } } },
    });
  });

  it('answers /readyz with 503 once shutdown has started', async () => {
    sut.app.get(HealthRegistry).markShuttingDown();
    const res = await get('/readyz');
    expect(res).toMatchObject({
      status: 503,
      body: { checks: { shutdown: { status: 'failed' } } },
    });
    await expect(get('/healthz')).resolves.toMatchObject({ status: 200 });
  });
});
