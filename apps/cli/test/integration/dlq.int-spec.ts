import {
  CONSUMERS,
  PermanentError,
  ProjectCancelRequestedV1,
  STREAMS,
  newMessageId,
  wireStreamName,
} from '@agentbus/contracts';
import {
  type Bus,
  connectBus,
  consume,
  type ConsumerHandle,
  listDeadLetters,
  provisionConsumers,
  provisionStreams,
  Publisher,
} from '@agentbus/messaging';
import {
  createDataSource,
  handleOnce,
  initializeDataSource,
  runMigrations,
} from '@agentbus/persistence';
import {
  createTestSchema,
  deleteNamespaceStreams,
  eventually,
  natsUrl,
  postgresUrl,
  testNamespace,
  type TestSchema,
} from '@agentbus/testing';
import { nanos } from '@nats-io/transport-node';
import { type DataSource } from 'typeorm';
import { runAgentBus } from '../run-cli';

const namespace = testNamespace();
const consumer = CONSUMERS.orchestrator.projectCancelRequested;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The operator's loop against real NATS and a real Postgres inbox: a handler refuses a message (it
 * is dead-lettered), the fix is deployed, `agent-bus dlq replay` puts the message back, and the
 * effect is applied once however often the letter is replayed. The handler is shaped like the
 * services' (its effect and the inbox row commit in one transaction through `handleOnce`).
 */
describe('agent-bus dlq (real NATS and Postgres)', () => {
  let bus: Bus;
  let handle: ConsumerHandle;
  let schema: TestSchema;
  let db: DataSource;
  let broken = true;
  let deliveries = 0;
  let env: Record<string, string>;

  const dlq = (...args: string[]) => runAgentBus(['dlq', ...args], { env });
  const applied = async (projectId: string): Promise<number> => {
    const rows = await db.query<{ n: string }[]>(
      'SELECT count(*) AS n FROM cancellations WHERE project_id = $1',
      [projectId],
    );
    return Number(rows[0]?.n);
  };

  beforeAll(async () => {
    env = { NATS_URL: await natsUrl(), BUS_NAMESPACE: namespace };
    bus = await connectBus({ servers: env['NATS_URL'] ?? '', name: 'dlq-cli-test', namespace });
    await provisionStreams(bus);
    await provisionConsumers(bus, [consumer]);
    schema = await createTestSchema(await postgresUrl());
    db = createDataSource({
      url: await postgresUrl(),
      schema: schema.schema,
      entities: [],
      migrations: [],
    });
    await initializeDataSource(db);
    await runMigrations(db);
    await db.query(
      'CREATE TABLE cancellations (project_id uuid NOT NULL, message_id uuid NOT NULL)',
    );
    handle = await consume(bus, consumer, async (message) => {
      if (broken) throw new PermanentError('cancel handler cannot reach its dependency');
      deliveries++;
      await handleOnce(db, { consumer: consumer.durable, messageId: message.id }, (tx) =>
        tx.query('INSERT INTO cancellations (project_id, message_id) VALUES ($1, $2)', [
          message.data.projectId,
          message.id,
        ]),
      );
    });
  });

  afterAll(async () => {
    await handle?.stop();
    await bus?.close();
    await db?.destroy();
    await schema?.drop();
    await deleteNamespaceStreams(await natsUrl(), namespace);
  });

  it('lists and shows a dead letter, replays it once, and never applies it twice', async () => {
    const projectId = newMessageId();
    await new Publisher(bus).publish(
      ProjectCancelRequestedV1,
      { projectId, requestedBy: 'ops', reason: 'duplicate order' },
      { source: 'dlq-cli-test', correlationId: projectId },
    );
    const [letter] = await eventually(async () => {
      const { letters } = await listDeadLetters(bus);
      expect(letters).toHaveLength(1);
      return letters;
    });
    if (!letter) throw new Error('no dead letter');
    const seq = String(letter.seq);

    const listed = await dlq('list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(
        `^${seq} .*${ProjectCancelRequestedV1.subject}\\s+${consumer.durable}\\s+1\\s+PermanentError: cancel handler`,
        'm',
      ),
    );
    const json = (await dlq('list', '--json', '--subject', 'agentbus.workflow.>')).stdout;
    expect(JSON.parse(json)).toMatchObject({
      seq: letter.seq,
      id: letter.letter.id,
      correlationId: projectId,
    });
    expect((await dlq('list', '--subject', 'agentbus.task.>')).stdout).toBe('no dead letters\n');

    const shown = await dlq('show', seq);
    expect(shown.stdout).toContain('cancel handler cannot reach its dependency');
    expect(shown.stdout).toContain(`"projectId": "${projectId}"`);

    broken = false; // the fix is deployed
    const replay = await dlq('replay', seq);
    expect(replay).toMatchObject({ code: 0, stderr: '' });
    expect(replay.stdout).toContain(`replayed ${seq} ${ProjectCancelRequestedV1.subject}`);
    await eventually(async () => expect(await applied(projectId)).toBe(1));
    expect(deliveries).toBe(1);

    // Replayed again at once: the server drops the copy (same replay id), nothing is delivered.
    const again = await dlq('replay', seq);
    expect(again.stdout).toContain(`already replayed ${seq}`);
    await sleep(1_000);
    expect(deliveries).toBe(1);

    // Past the stream's duplicate window (shortened here from 15 min) the copy is stored and
    // delivered; the consumer's inbox knows the envelope id and applies nothing.
    const stream = wireStreamName(namespace, STREAMS.workflow.name);
    await bus.jsm.streams.update(stream, { duplicate_window: nanos(500) });
    await sleep(1_000);
    const late = await dlq('replay', '--all', '--consumer', consumer.durable);
    expect(late.stdout).toContain(`replayed ${seq}`);
    expect(late.stdout).toContain('1 replayed');
    await eventually(() => expect(deliveries).toBe(2));
    await eventually(async () => {
      const info = await bus.jsm.consumers.info(stream, consumer.durable);
      expect(info.num_ack_pending + info.num_pending).toBe(0);
    });
    expect(await applied(projectId)).toBe(1);
    expect((await listDeadLetters(bus)).total).toBe(1); // the replays were handled, not refused
  });

  it('says when the namespace has no dead-letter stream (exit 4)', async () => {
    const { code, stderr } = await runAgentBus(['dlq', 'list', '--namespace', `${namespace}x`], {
      env,
    });
    expect(code).toBe(4);
    expect(stderr).toContain(`no dead-letter stream ${namespace.toUpperCase()}X_AGENTBUS_DLQ`);
    expect(stderr).toContain('hint: is --namespace / BUS_NAMESPACE the one the services run with?');
  });

  it('refuses an unknown letter without replaying anything (exit 4)', async () => {
    const { code, stderr } = await dlq('replay', '1', '424242');
    expect(code).toBe(4);
    expect(stderr).toContain('no dead letter 424242');
  });
});
