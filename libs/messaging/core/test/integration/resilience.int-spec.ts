import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConsumer, ProjectCancelRequestedV1, STREAMS } from '@agentbus/contracts';
import {
  type Bus,
  connectBus,
  consume,
  type ConsumerHandle,
  provisionConsumers,
  provisionStreams,
  Publisher,
} from '../../src';
import { aCancelRequest, eventually, memoryLogger, meta, sleep, testNamespace } from '../support';

// This file restarts a NATS server, so it runs its own (same binary as the shared one) on a free port.
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

const portOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => resolve(!!socket.end()));
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });

describe('consume across a NATS server restart', () => {
  const storeDir = mkdtempSync(join(tmpdir(), 'agentbus-nats-'));
  let port: number;
  let server: ChildProcess | undefined;
  let bus: Bus | undefined;
  let handle: ConsumerHandle | undefined;
  const logger = memoryLogger();

  const startServer = async (): Promise<void> => {
    const child = spawn(
      'nats-server',
      ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir],
      {
        stdio: 'ignore',
      },
    );
    server = child;
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}`);
      expect(await portOpen(port)).toBe(true);
    });
  };
  const killServer = async (): Promise<void> => {
    const child = server;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };

  beforeAll(async () => {
    port = await freePort();
    await startServer();
  });

  afterAll(async () => {
    await handle?.stop({ timeoutMs: 100 });
    await bus?.close();
    await killServer();
    rmSync(storeDir, { recursive: true, force: true });
  });

  it('keeps handling messages after the server is killed and restarted', async () => {
    bus = await connectBus({
      servers: `nats://127.0.0.1:${port}`,
      name: 'resilience-test',
      namespace: testNamespace(),
      logger,
      reconnectWaitMs: 100,
    });
    const definition = defineConsumer('master-orchestrator', ProjectCancelRequestedV1);
    await provisionStreams(bus, [STREAMS.workflow, STREAMS.dlq]);
    await provisionConsumers(bus, [definition]);
    const publisher = new Publisher(bus);
    const handled: string[] = [];
    handle = await consume(bus, definition, async (message) => {
      handled.push(message.data.projectId);
    });
    const before = aCancelRequest();
    await publisher.publish(ProjectCancelRequestedV1, before, meta());
    await eventually(() => expect(handled).toEqual([before.projectId]));

    await killServer();
    await eventually(() => expect(bus?.isConnected()).toBe(false));
    await sleep(500);
    await startServer();
    await eventually(() => expect(bus?.isConnected()).toBe(true), { timeoutMs: 15_000 });
    const after = aCancelRequest();
    await publisher.publish(ProjectCancelRequestedV1, after, meta());

    await eventually(() => expect(handled).toEqual([before.projectId, after.projectId]), {
      timeoutMs: 40_000,
      intervalMs: 200,
    });
    expect(logger.lines.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['NATS disconnected; reconnecting', 'NATS reconnected']),
    );
  });
});
