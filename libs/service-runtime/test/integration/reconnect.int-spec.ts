import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createEnvelope, HEADERS, ProjectSubmittedV1, wireSubject } from '@agentbus/contracts';
import {
  eventually,
  freePort,
  postgresUrl,
  startProcess,
  stopAllProcesses,
  testNamespace,
  type ProcessHandle,
} from '@agentbus/testing';
import { jetstream } from '@nats-io/jetstream';
import { connect, headers as natsHeaders } from '@nats-io/transport-node';
import { Client } from 'pg';

const ROOT = join(__dirname, '../../../..');
const NATS_SERVER = process.env['NATS_SERVER_BIN'] ?? '/usr/sbin/nats-server';

describe('a running service when NATS restarts', () => {
  const namespace = testNamespace();
  const schema = `${namespace}_ledger`;
  const storeDir = mkdtempSync(join(tmpdir(), 'agentbus-nats-'));
  let natsPort: number;
  let nats: ProcessHandle;
  let pg: Client;

  const startNats = () =>
    startProcess({
      name: 'private-nats',
      command: NATS_SERVER,
      args: ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', storeDir],
    });

  const submit = async (projectId: string) => {
    const nc = await connect({ servers: `nats://127.0.0.1:${natsPort}` });
    const envelope = createEnvelope(
      ProjectSubmittedV1,
      { projectId, name: 'reconnect', requirements: 'r', options: {}, submittedBy: 'test' },
      { source: 'test', correlationId: projectId },
    );
    const headers = natsHeaders();
    headers.set(HEADERS.msgId, envelope.id);
    await jetstream(nc).publish(wireSubject(namespace, envelope.type), JSON.stringify(envelope), {
      msgID: envelope.id,
      headers,
    });
    await nc.close();
  };

  const handled = async (projectId: string) =>
    (
      await pg.query(`SELECT kind FROM ${schema}.ledger WHERE project_id = $1 ORDER BY id`, [
        projectId,
      ])
    ).rows.map((row: { kind: string }) => row.kind);

  beforeAll(async () => {
    natsPort = await freePort();
    nats = startNats();
    pg = new Client({ connectionString: await postgresUrl() });
    await pg.connect();
  });

  afterAll(async () => {
    await stopAllProcesses();
    await pg.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pg.end();
  });

  it('keeps its handlers: messages published after the restart are handled', async () => {
    const port = await freePort();
    const ledger = startProcess({
      name: 'ledger',
      command: 'node',
      args: ['-r', '@swc-node/register', 'libs/service-runtime/test/fixtures/ledger.main.ts'],
      cwd: ROOT,
      env: {
        SWC_NODE_PROJECT: 'libs/service-runtime/tsconfig.json',
        NATS_URL: `nats://127.0.0.1:${natsPort}`,
        DATABASE_URL: await postgresUrl(),
        DATABASE_SCHEMA: schema,
        BUS_NAMESPACE: namespace,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        LOG_LEVEL: 'warn',
      },
    });
    await ledger.waitForHttp(`http://127.0.0.1:${port}/readyz`, { timeoutMs: 60_000 });
    const before = randomUUID();
    await submit(before);
    await eventually(async () => expect(await handled(before)).toEqual(['submitted', 'started']));

    nats.kill('SIGKILL');
    await nats.waitForExit();
    await eventually(async () =>
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(503),
    );
    nats = startNats();
    await ledger.waitForHttp(`http://127.0.0.1:${port}/readyz`, { timeoutMs: 30_000 });

    const after = randomUUID();
    await submit(after);
    await eventually(async () => expect(await handled(after)).toEqual(['submitted', 'started']), {
      timeoutMs: 30_000,
    });
  });
});
