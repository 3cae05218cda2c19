import { DuplicateHealthCheckError } from './health.errors';
import { HealthRegistry, SHUTDOWN_CHECK } from './health-registry';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe(HealthRegistry.name, () => {
  it('is ready with no checks, and reports every passing check', async () => {
    const sut = new HealthRegistry();
    await expect(sut.readiness()).resolves.toEqual({ ready: true, checks: {} });
    sut.register('nats', async () => undefined);
    await expect(sut.readiness()).resolves.toEqual({
      ready: true,
      checks: { nats: { status: 'ok', durationMs: expect.any(Number) } },
    });
  });

  it('names the failing check and why, including one that throws synchronously', async () => {
    const sut = new HealthRegistry();
    sut.register('nats', async () => undefined);
    sut.register('postgres', () => Promise.reject(new Error('connection refused')));
    sut.register('chroma', () => {
      throw new Error('no client');
    });
    const report = await sut.readiness();
    expect(report.ready).toBe(false);
    expect(report.checks).toMatchObject({
      nats: { status: 'ok' },
      postgres: { status: 'failed', error: 'connection refused' },
      chroma: { status: 'failed', error: 'no client' },
    });
  });

  it('fails a check that exceeds the timeout, running checks concurrently', async () => {
    const sut = new HealthRegistry(50);
    sut.register('slow-a', () => sleep(1_000));
    sut.register('slow-b', () => sleep(1_000));
    const started = Date.now();
    const report = await sut.readiness();
    expect(Date.now() - started).toBeLessThan(500);
    expect(report.checks['slow-a']).toMatchObject({
      status: 'failed',
      error: 'timed out after 50 ms',
    });
    expect(report.checks['slow-b']?.status).toBe('failed');
  });

  it('is not ready once shutdown has started', async () => {
    const sut = new HealthRegistry();
    sut.register('nats', async () => undefined);
    sut.onModuleDestroy();
    await expect(sut.readiness()).resolves.toEqual({
      ready: false,
      checks: { [SHUTDOWN_CHECK]: { status: 'failed', durationMs: 0, error: 'shutting down' } },
    });
  });

  it('refuses two checks under one name', () => {
    const sut = new HealthRegistry();
    sut.register('nats', async () => undefined);
    expect(() => sut.register('nats', async () => undefined)).toThrow(DuplicateHealthCheckError);
  });
});
