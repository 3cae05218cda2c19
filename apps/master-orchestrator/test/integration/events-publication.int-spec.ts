import { randomUUID } from 'node:crypto';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  createEnvelope,
  type Envelope,
  HEADERS,
  messageFor,
  parseEnvelope,
  ProjectStartedV1,
  StageRunningV1,
  STREAMS,
  wireStreamName,
} from '@agentbus/contracts';
import {
  createDataSource,
  inPipelinedTransaction,
  initializeDataSource,
  type OutboxMessage,
  OutboxRelay,
} from '@agentbus/persistence';
import {
  deleteNamespaceStreams,
  eventually,
  natsUrl,
  postgresUrl,
  startApp,
  testNamespace,
} from '@agentbus/testing';
import { type DataSource } from 'typeorm';
import { EVENTS_RELAY_SOURCE } from '../../src/workflow/persistence/events-relay.source';
import { WorkflowRepository } from '../../src/workflow/persistence/workflow.repository';
import { ORCHESTRATOR_MIGRATIONS } from '../../src/workflow-state/migrations';
import { FakeWorker } from '../support/fake-worker';
import { type RunningOrchestrator, startOrchestrator } from '../support/orchestrator';
import { TestClient } from '../support/test-client';

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * A workflow event is written once, as its `events` row, and published from it (migration
 * 1766800000200). These prove the crash window between commit and publish loses nothing and
 * doubles nothing: the committing process dies before it publishes, two replicas' relays race for
 * what it left, and each event reaches the bus exactly once.
 */
describe('workflow events published from their events rows', () => {
  const namespace = testNamespace();
  const schema = `${namespace}_orch`;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let client: TestClient;
  let worker: FakeWorker | undefined;
  let replicas: RunningOrchestrator[] = [];
  const dataSources: DataSource[] = [];

  beforeAll(async () => {
    nc = await connect({ servers: await natsUrl(), name: 'events-publication-test' });
    jsm = await jetstreamManager(nc);
    client = await TestClient.start(namespace, schema);
  });

  afterAll(async () => {
    await worker?.stop();
    await Promise.all(replicas.map((replica) => replica.close()));
    await Promise.all(dataSources.map((dataSource) => dataSource.destroy()));
    await client?.dropSchema();
    await client?.close();
    await nc?.close();
    await deleteNamespaceStreams(await natsUrl(), namespace);
  });

  /** How many times each Nats-Msg-Id is stored in the workflow stream. */
  const storedInWorkflowStream = async (): Promise<Map<string, number>> => {
    const stream = wireStreamName(namespace, STREAMS.workflow.name);
    const { state } = await jsm.streams.info(stream);
    const counts = new Map<string, number>();
    for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      const id = message?.header.get(HEADERS.msgId);
      if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  };

  const unpublished = async (): Promise<string[]> =>
    (await client.query<{ event_id: string }>('SELECT event_id FROM unpublished_events')).map(
      (row) => row.event_id,
    );

  it('publishes what a process that died between commit and publish left, once, from two replicas', async () => {
    const crashing = await startApp('master-orchestrator', namespace, {
      DATABASE_SCHEMA: schema,
      FAULT_EXIT_AT: 'after-commit-before-publish',
    });
    await crashing.process.waitForHttp(`${crashing.url}/readyz`, { timeoutMs: 60_000 });

    const projectId = await client.submit({ prd_approval: false, delivery_approval: false });
    const exit = await crashing.process.waitForExit(30_000);
    expect(exit.code).toBe(137);

    // Committed but never published: the decision's events wait in unpublished_events.
    const committed = await client.rows('events', projectId);
    expect(committed.map((event) => event['type'])).toContain(ProjectStartedV1.subject);
    const left = await unpublished();
    expect(left.sort()).toEqual(committed.map((event) => event['id'] as string).sort());
    const before = await storedInWorkflowStream();
    for (const id of left) expect(before.has(id)).toBe(false);

    replicas = await Promise.all([
      startOrchestrator(namespace, schema),
      startOrchestrator(namespace, schema),
    ]);
    worker = await FakeWorker.start(namespace, () => ({ kind: 'succeed' }));
    await client.waitForState(projectId, 'completed', 60_000);
    await eventually(async () => expect(await unpublished()).toEqual([]), { timeoutMs: 20_000 });

    const events = (await client.rows('events', projectId)).filter(
      (event) => event['type'] !== StageRunningV1.subject, // logged for SSE, never published
    );
    const stored = await storedInWorkflowStream();
    const copies = events.map((event) => [event['type'], stored.get(event['id'] as string) ?? 0]);
    expect(copies).toEqual(events.map((event) => [event['type'], 1]));
  }, 150_000);

  it('lets two racing relays publish each unpublished event exactly once, in order', async () => {
    const open = async (): Promise<DataSource> => {
      const dataSource = createDataSource({
        url: await postgresUrl(),
        schema,
        entities: [],
        migrations: ORCHESTRATOR_MIGRATIONS,
      });
      dataSources.push(dataSource);
      return initializeDataSource(dataSource);
    };
    const [first, second] = [await open(), await open()];
    if (first === undefined || second === undefined) throw new Error('no data source');

    const projectId = randomUUID();
    const causationId = randomUUID();
    const time = new Date();
    const envelopes = Array.from({ length: 60 }, (_, index) =>
      createEnvelope(
        ProjectStartedV1,
        { projectId, name: `event ${index}` },
        { source: 'master-orchestrator', correlationId: projectId, causationId, time },
      ),
    );
    const repository = new WorkflowRepository();
    // Three commits, as three decisions would write them.
    for (let at = 0; at < envelopes.length; at += 20) {
      await inPipelinedTransaction(first, (tx) =>
        repository.appendEvents(
          tx,
          envelopes.slice(at, at + 20).map((envelope) => ({
            id: envelope.id,
            projectId,
            type: envelope.type,
            data: envelope.data,
            createdAt: time,
          })),
          causationId,
        ),
      );
    }

    const published: OutboxMessage[] = [];
    const relays = [first, second].map(
      (dataSource) =>
        new OutboxRelay({
          dataSource,
          schema,
          source: EVENTS_RELAY_SOURCE,
          publish: async (message) => {
            // A slow publish holds the batch open while the other relay tries to claim.
            await new Promise((resolve) => setTimeout(resolve, 2));
            published.push(message);
          },
          batchSize: 7,
          pollIntervalMs: 20,
          logger: silent,
        }),
    );
    await Promise.all(relays.map((relay) => relay.start()));
    try {
      await eventually(async () => expect(await unpublished()).toEqual([]), { timeoutMs: 20_000 });
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
    }

    expect(published.map((message) => message.id)).toEqual(envelopes.map((e) => e.id));
    // The envelope read back from the row is the one the decision built, and passes its contract.
    const readBack = published.map((message): Envelope => {
      const definition = messageFor(message.subject);
      if (definition === undefined) throw new Error(`no contract for ${message.subject}`);
      return parseEnvelope(definition, message.envelope);
    });
    expect(readBack).toEqual(envelopes);
  });
});
