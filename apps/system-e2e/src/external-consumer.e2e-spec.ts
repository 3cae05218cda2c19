import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import {
  PIPELINE,
  ProjectCompletedV1,
  ProjectStartedV1,
  ProjectSubmittedV1,
  STREAMS,
  StageCompletedV1,
  StageDispatchedV1,
  StageRunningV1,
  wireStreamName,
} from '@agentbus/contracts';
import {
  eventually,
  natsUrl,
  type ProcessHandle,
  startProcess,
  startStack,
  type Stack,
  testNamespace,
} from '@agentbus/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { apiOf } from './support/api';

const ROOT = join(__dirname, '../../..');
const EXAMPLE = join(ROOT, 'examples/external-consumer');
const CONTRACTS = join(ROOT, 'libs/contracts');
const DURABLE = 'crm-e2e-workflow-events';

/** One event as the example prints it. */
interface Received {
  seq: number;
  id: string;
  type: string;
  projectId: string;
  summary: string;
}

/**
 * The example another system would copy (examples/external-consumer): a plain node process with
 * the built @agentbus/contracts package and its own durable on `agentbus.workflow.>`. It must see
 * every event of a project that runs through the workflow, once each, in the order they happened.
 */
describe('an external consumer of workflow events (examples/external-consumer)', () => {
  const namespace = testNamespace();
  let stack: Stack;
  let consumer: ProcessHandle;
  let nc: NatsConnection;

  const received = (): Received[] =>
    consumer
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{"seq"'))
      .map((line) => JSON.parse(line) as Received);

  beforeAll(async () => {
    if (!existsSync(join(CONTRACTS, 'dist/index.js'))) {
      throw new Error('libs/contracts/dist is missing: run `npx nx run-many -t build` first');
    }
    // What `npm install` of the example's `file:` dependency does: a link to the package.
    const link = join(EXAMPLE, 'node_modules/@agentbus/contracts');
    if (!existsSync(link)) {
      mkdirSync(join(EXAMPLE, 'node_modules/@agentbus'), { recursive: true });
      symlinkSync(CONTRACTS, link, 'dir');
    }
    stack = await startStack(namespace);
    nc = await connect({ servers: await natsUrl() });
    consumer = startProcess({
      name: 'external-consumer',
      command: 'node',
      args: ['consumer.mjs'],
      cwd: EXAMPLE,
      // No NODE_OPTIONS or register hooks: the example resolves the package as a user's would.
      env: {
        NODE_OPTIONS: undefined,
        NATS_URL: await natsUrl(),
        BUS_NAMESPACE: namespace,
        DURABLE,
        DELIVER: 'new',
      },
    });
    await eventually(() => expect(consumer.output()).toContain('"ready":true'), {
      timeoutMs: 20_000,
    });
  }, 180_000);

  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  /** The project's messages as the workflow stream holds them, in stream order. */
  const streamed = async (projectId: string): Promise<{ seq: number; id: string }[]> => {
    const stream = wireStreamName(namespace, STREAMS.workflow.name);
    const { state } = await (await jetstreamManager(nc)).streams.info(stream);
    const reader = await jetstream(nc).consumers.get(stream);
    const found: { seq: number; id: string }[] = [];
    for (let read = 0; read < state.messages;) {
      const batch = await reader.fetch({ max_messages: 500, expires: 2_000 });
      let got = 0;
      for await (const msg of batch) {
        got++;
        const envelope = msg.json<{ id: string; correlationId: string }>();
        if (envelope.correlationId === projectId) found.push({ seq: msg.seq, id: envelope.id });
      }
      if (got === 0) break;
      read += got;
    }
    return found;
  };

  it("receives a project's workflow events once each, in order, and acks them all", async () => {
    const api = apiOf(stack);
    const projectId = await api.submit({ gates: { prd_approval: false } });
    await api.waitFor(projectId, (view) => view.state === 'completed', 120_000);

    const events = await eventually(
      () => {
        const mine = received().filter((event) => event.projectId === projectId);
        expect(mine.map((event) => event.type)).toContain(ProjectCompletedV1.subject);
        return mine;
      },
      { timeoutMs: 20_000 },
    );

    // Exactly what the stream holds for the project, in stream order, nothing twice.
    expect(events.map(({ seq, id }) => ({ seq, id }))).toEqual(await streamed(projectId));
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);

    const types = events.map((event) => event.type);
    expect(types.slice(0, 2)).toEqual([ProjectSubmittedV1.subject, ProjectStartedV1.subject]);
    expect(types.at(-1)).toBe(ProjectCompletedV1.subject);
    expect(types).not.toContain(StageRunningV1.subject); // event log only, never on NATS

    // Every stage ran after the stages it depends on, and was dispatched before it completed.
    const at = (type: string, stage: string) =>
      events.findIndex((event) => event.type === type && event.summary.startsWith(`${stage} `));
    for (const { id, after, skipped } of PIPELINE) {
      if (skipped) continue;
      const completed = at(StageCompletedV1.subject, id);
      const sent = at(StageDispatchedV1.subject, id);
      expect({ stage: id, dispatched: sent > 0, completed: completed > sent }).toEqual({
        stage: id,
        dispatched: true,
        completed: true,
      });
      for (const upstream of after.filter((s) => !PIPELINE.find((p) => p.id === s)?.skipped)) {
        expect({
          stage: id,
          after: upstream,
          ordered: at(StageCompletedV1.subject, upstream) < completed,
        }).toEqual({ stage: id, after: upstream, ordered: true });
      }
    }

    // The example's durable is its own, on the workflow stream, with nothing left unacknowledged.
    const jsm = await jetstreamManager(nc);
    const info = await jsm.consumers.info(
      wireStreamName(namespace, STREAMS.workflow.name),
      DURABLE,
    );
    expect(info.config.filter_subject).toBe(`${namespace}.agentbus.workflow.>`);
    await eventually(async () => {
      const now = await jsm.consumers.info(
        wireStreamName(namespace, STREAMS.workflow.name),
        DURABLE,
      );
      expect(now.num_ack_pending + now.num_pending).toBe(0);
    });
  }, 180_000);
});
