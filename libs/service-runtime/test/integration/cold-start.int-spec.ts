import { join } from 'node:path';
import {
  eventually,
  freePort,
  postgresUrl,
  startPrivateNats,
  startProcess,
  tcpGate,
  testNamespace,
  type TcpGate,
} from '@agentbus/testing';
import { Client } from 'pg';

const ROOT = join(__dirname, '../../../..');

describe('a service started while NATS and Postgres are down', () => {
  const namespace = testNamespace();
  const schema = `${namespace}_ledger`;
  let natsPort: number;
  let gate: TcpGate;
  let gatedUrl: string;

  beforeAll(async () => {
    natsPort = await freePort();
    const real = new URL(await postgresUrl());
    gate = tcpGate(await freePort(), { host: real.hostname, port: Number(real.port || 5432) });
    real.host = `127.0.0.1:${gate.port}`;
    gatedUrl = real.toString();
  });

  afterAll(async () => {
    await gate.cut();
    const pg = new Client({ connectionString: await postgresUrl() });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pg.end();
  });

  const startLedger = async () => {
    const port = await freePort();
    const ledger = startProcess({
      name: 'ledger',
      command: 'node',
      args: ['-r', '@swc-node/register', 'libs/service-runtime/test/fixtures/ledger.main.ts'],
      cwd: ROOT,
      env: {
        SWC_NODE_PROJECT: 'libs/service-runtime/tsconfig.json',
        NATS_URL: `nats://127.0.0.1:${natsPort}`,
        DATABASE_URL: gatedUrl,
        DATABASE_SCHEMA: schema,
        BUS_NAMESPACE: namespace,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        LOG_LEVEL: 'warn',
      },
    });
    const url = (path: string) => `http://127.0.0.1:${port}${path}`;
    await ledger.waitForHttp(url('/healthz'), { timeoutMs: 60_000 });
    return { ledger, url };
  };

  it('is live, not ready naming both, and becomes ready when they come up', async () => {
    const { ledger, url } = await startLedger();
    await eventually(async () => {
      const response = await fetch(url('/readyz'));
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        detail: 'Waiting for: nats, postgres',
        waitingFor: ['nats', 'postgres'],
        checks: {
          nats: { status: 'failed', error: expect.stringContaining('NATS_URL') },
          postgres: { status: 'failed', error: expect.stringContaining('nothing listens') },
        },
      });
    });
    expect(ledger.output()).toMatch(/waiting for nats: .*retrying in \d+ ms/);

    startPrivateNats(natsPort);
    await gate.open();
    const cameUp = Date.now();
    await ledger.waitForHttp(url('/readyz'), { timeoutMs: 30_000 });
    // Backoff is capped at 5 s, so a dependency that appears is noticed within about that.
    expect(Date.now() - cameUp).toBeLessThan(15_000);
    const pg = new Client({ connectionString: await postgresUrl() });
    await pg.connect();
    const { rows } = await pg.query(`SELECT to_regclass('${schema}.ledger') AS ledger`);
    await pg.end();
    expect(rows[0]).toEqual({ ledger: `${schema}.ledger` }); // migrations ran once connected
  });

  it('exits 0 at once on SIGTERM while still waiting', async () => {
    await gate.cut();
    const { ledger } = await startLedger();
    ledger.kill('SIGTERM');
    const exit = await ledger.waitForExit(5_000);
    expect(exit).toMatchObject({ code: 0, signal: null });
  });
});
