import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  eventually,
  freePort,
  postgresUrl,
  startProcess,
  stopAllProcesses,
  testNamespace,
  type ProcessHandle,
} from '@agentbus/testing';
import { Client } from 'pg';
import { builtApp, startApp } from '@agentbus/testing';
import { TcpProxy } from './support/tcp-proxy';

const NATS_SERVER = process.env['NATS_SERVER_BIN'] ?? '/usr/sbin/nats-server';

/** A private JetStream server this test may stop and restart without disturbing other tests. */
function startNats(port: number, storeDir: string): ProcessHandle {
  return startProcess({
    name: `nats-${port}`,
    command: NATS_SERVER,
    args: ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir],
  });
}

async function readyz(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: await response.text() };
}

describe('readiness follows the links', () => {
  const namespace = testNamespace();
  const storeDir = mkdtempSync(join(tmpdir(), 'agentbus-nats-'));
  let natsPort: number;
  let nats: ProcessHandle;
  let proxy: TcpProxy;
  let url: string;

  beforeAll(async () => {
    natsPort = await freePort();
    nats = startNats(natsPort, storeDir);
    await eventually(async () => {
      // A JetStream-enabled server answers on its client port as soon as it listens.
      const socket = await import('node:net').then((net) => net.connect(natsPort, '127.0.0.1'));
      await new Promise<void>((resolve, reject) =>
        socket.once('connect', resolve).once('error', reject),
      );
      socket.destroy();
    });
    const pg = new URL(await postgresUrl());
    proxy = new TcpProxy(await freePort(), { host: pg.hostname, port: Number(pg.port || 5432) });
    await proxy.open();
    const viaProxy = new URL(pg.toString());
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const app = await startApp('skills-registry', namespace, {
      NATS_URL: `nats://127.0.0.1:${natsPort}`,
      DATABASE_URL: viaProxy.toString(),
    });
    url = app.url;
    await app.process.waitForHttp(`${url}/readyz`, { timeoutMs: 45_000 });
  });

  afterAll(async () => {
    await proxy.cut();
    await stopAllProcesses();
    const pg = new Client({ connectionString: await postgresUrl() });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS ${namespace}_skills_registry CASCADE`);
    await pg.end();
  });

  it('turns 503 naming postgres while Postgres is unreachable, and 200 when it is back', async () => {
    await proxy.cut();
    await eventually(async () => {
      const { status, body } = await readyz(url);
      expect(status).toBe(503);
      expect(body).toContain('postgres');
    });
    await proxy.open();
    await eventually(async () => expect((await readyz(url)).status).toBe(200), {
      timeoutMs: 20_000,
    });
  });

  it('turns 503 naming nats while NATS is down, and 200 after it restarts (reconnect)', async () => {
    nats.kill('SIGKILL');
    await nats.waitForExit();
    await eventually(async () => {
      const { status, body } = await readyz(url);
      expect(status).toBe(503);
      expect(body).toContain('nats');
    });
    nats = startNats(natsPort, storeDir);
    await eventually(async () => expect((await readyz(url)).status).toBe(200), {
      timeoutMs: 30_000,
    });
  });

  it('stops with exit code 78 and names the variable when the configuration is invalid', async () => {
    const bad = startProcess({
      name: 'bad-config',
      command: 'node',
      args: [builtApp('gateway')],
      env: { HTTP_PORT: 'eighty', NATS_URL: undefined },
    });
    const exit = await bad.waitForExit(15_000);
    expect(exit.code).toBe(78);
    expect(bad.output()).toContain('HTTP_PORT');
  });
});
