import { type DataSource } from 'typeorm';
import { type PersistenceModuleOptions } from './persistence-module-options';
import { openDataSource, type OpenDataSourceDeps } from './open-data-source';

const options = {
  url: 'postgres://app@db:5432/app',
  schema: 'app',
  entities: [],
  migrations: [],
  migrationsRun: true,
  connectRetryMs: 10_000,
} satisfies PersistenceModuleOptions;

const failure = (code: string): Error =>
  Object.assign(new Error(`connect failed (${code})`), { code });

/** Fake data sources whose open fails with `failures` in turn, then succeeds. */
function harness(failures: Error[]) {
  const created: { destroyed: boolean }[] = [];
  const waits: number[] = [];
  const warnings: string[] = [];
  const deps: OpenDataSourceDeps = {
    create: () => {
      const ds = {
        isInitialized: true,
        destroyed: false,
        destroy: async () => void (ds.destroyed = true),
      };
      created.push(ds);
      return ds as unknown as DataSource;
    },
    open: async () => {
      const next = failures.shift();
      if (next) throw next;
    },
    wait: async (ms) => void waits.push(ms),
    logger: { warn: (message: string) => void warnings.push(message), log: () => undefined },
  };
  return { deps, created, waits, warnings };
}

describe('openDataSource', () => {
  it('retries while Postgres restarts and returns the first data source that opens', async () => {
    const h = harness([failure('ECONNREFUSED'), failure('57P03'), failure('ECONNRESET')]);
    const ds = await openDataSource(options, h.deps);
    expect(ds).toBe(h.created[3]);
    expect(h.created.slice(0, 3).every((c) => c.destroyed)).toBe(true);
    expect(h.waits).toEqual([250, 500, 1000]);
    expect(h.warnings[0]).toMatch(
      /Postgres unavailable while starting \(connect failed \(ECONNREFUSED\)\); retry 1/,
    );
  });

  it('fails at once on a misconfiguration: a wrong password or database is not waited for', async () => {
    for (const code of ['28P01', '3D000']) {
      const h = harness([failure(code)]);
      await expect(openDataSource(options, h.deps)).rejects.toThrow(code);
      expect(h.waits).toEqual([]);
    }
  });

  it('fails at once on an error that is not about the connection (a broken migration)', async () => {
    const h = harness([new Error('relation "x" already exists')]);
    await expect(openDataSource(options, h.deps)).rejects.toThrow('already exists');
    expect(h.created[0]?.destroyed).toBe(true);
  });

  it('gives up with the last error once the retry window is spent', async () => {
    const h = harness(Array.from({ length: 50 }, () => failure('ECONNREFUSED')));
    await expect(openDataSource({ ...options, connectRetryMs: 2_000 }, h.deps)).rejects.toThrow(
      'ECONNREFUSED',
    );
    // 250 + 500 + 1000 fit in the window before the next 2 s delay would pass its end.
    expect(h.waits).toEqual([250, 500, 1000]);
  });
});
