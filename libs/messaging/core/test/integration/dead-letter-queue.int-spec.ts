import {
  CONSUMERS,
  createEnvelope,
  envelopeJson,
  HEADERS,
  PermanentError,
  ProjectCancelRequestedV1,
  type ProjectCancelRequestedV1 as CancelRequested,
  STREAMS,
  wireSubject,
} from '@agentbus/contracts';
import { headers as natsHeaders } from '@nats-io/transport-node';
import {
  type Bus,
  consume,
  type ConsumerHandle,
  DeadLetterNotFoundError,
  DeadLetterNotReplayableError,
  DeadLetterQueueNotFoundError,
  getDeadLetter,
  listDeadLetters,
  provisionConsumers,
  provisionStreams,
  replayDeadLetter,
} from '../../src';
import {
  aCancelRequest,
  deleteNamespaceStreams,
  eventually,
  memoryLogger,
  natsUrl,
  openBus,
  sleep,
  testNamespace,
} from '../support';

const namespace = testNamespace();
const consumer = CONSUMERS.orchestrator.projectCancelRequested;
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/** One handled delivery: the envelope id and the headers it came with. */
interface Handled {
  readonly id: string;
  readonly headers: Readonly<Record<string, readonly string[]>>;
}

describe('dead-letter queue: list and replay (real NATS)', () => {
  let bus: Bus;
  let handle: ConsumerHandle;
  let broken = true;
  const handled: Handled[] = [];

  /** Publishes like a service does (msg id = envelope id), with a trace and a custom header. */
  const publishOriginal = async (): Promise<CancelRequested> => {
    const data = aCancelRequest();
    const envelope = createEnvelope(ProjectCancelRequestedV1, data, {
      source: 'dlq-test',
      correlationId: data.projectId,
    });
    const headers = natsHeaders();
    headers.set(HEADERS.traceparent, TRACEPARENT);
    headers.set('X-Tenant', 'acme');
    await bus.js.publish(wireSubject(namespace, envelope.type), envelopeJson(envelope), {
      msgID: envelope.id,
      headers,
    });
    return envelope;
  };

  beforeAll(async () => {
    bus = await openBus(namespace, 'dlq-test', memoryLogger());
    await provisionStreams(bus);
    await provisionConsumers(bus, [consumer]);
    // A handler that refuses everything until the "fix" is deployed, then applies each delivery.
    handle = await consume(bus, consumer, async (message, context) => {
      if (broken) throw new PermanentError('the cancel handler is broken');
      handled.push({ id: message.id, headers: context.headers });
      await Promise.resolve();
    });
  });

  afterAll(async () => {
    await handle?.stop();
    await bus?.close();
    await deleteNamespaceStreams(natsUrl(), namespace);
  });

  it('lists a dead letter, replays it once with its headers, and drops a second replay', async () => {
    const original = await publishOriginal();
    const { letters } = await eventually(async () => {
      const found = await listDeadLetters(bus);
      expect(found.total).toBe(1);
      return found;
    });
    const [stored] = letters;
    if (!stored) throw new Error('no dead letter');
    expect(stored.letter.data).toMatchObject({
      subject: ProjectCancelRequestedV1.subject,
      consumer: consumer.durable,
      originalId: original.id,
      errorName: 'PermanentError',
    });
    expect((await getDeadLetter(bus, String(stored.seq))).letter.id).toBe(stored.letter.id);
    expect((await getDeadLetter(bus, stored.letter.id)).seq).toBe(stored.seq);

    broken = false; // the fix is deployed
    const first = await replayDeadLetter(bus, stored.letter);
    expect(first).toMatchObject({ duplicate: false, subject: ProjectCancelRequestedV1.subject });

    const [delivery] = await eventually(() => {
      expect(handled).toHaveLength(1);
      return Promise.resolve(handled);
    });
    // The original envelope (so its id, the inbox key) with the original headers.
    expect(delivery?.id).toBe(original.id);
    expect(delivery?.headers[HEADERS.traceparent]).toEqual([TRACEPARENT]);
    expect(delivery?.headers['X-Tenant']).toEqual(['acme']);
    expect(delivery?.headers[HEADERS.replayOf]).toEqual([stored.letter.id]);
    expect(delivery?.headers[HEADERS.msgId]).toEqual([first.messageId]);

    const second = await replayDeadLetter(bus, stored.letter);
    expect(second).toEqual({ ...first, duplicate: true });
    await sleep(1_000);
    expect(handled).toHaveLength(1);
    // The replay was handled, so nothing new was dead-lettered.
    expect((await listDeadLetters(bus)).total).toBe(1);
  });

  it('filters by original subject (wildcards) and by durable', async () => {
    expect((await listDeadLetters(bus, { subject: 'agentbus.workflow.>' })).total).toBe(1);
    expect((await listDeadLetters(bus, { subject: 'agentbus.*.v1.project.*' })).total).toBe(1);
    expect((await listDeadLetters(bus, { subject: 'agentbus.task.>' })).total).toBe(0);
    expect((await listDeadLetters(bus, { consumer: consumer.durable })).total).toBe(1);
    expect((await listDeadLetters(bus, { consumer: 'cpu-cpu-requested' })).total).toBe(0);
  });

  it('keeps the newest letters within the limit, oldest first', async () => {
    broken = true;
    await publishOriginal();
    await publishOriginal();
    const all = await eventually(async () => {
      const found = await listDeadLetters(bus);
      expect(found.total).toBe(3);
      return found.letters;
    });
    const { letters, total } = await listDeadLetters(bus, {}, 2);
    expect(total).toBe(3);
    expect(letters.map((l) => l.seq)).toEqual(all.slice(1).map((l) => l.seq));
  });

  it('says so when a letter is unknown or belongs to another namespace', async () => {
    await expect(getDeadLetter(bus, '99999')).rejects.toThrow(DeadLetterNotFoundError);
    await expect(getDeadLetter(bus, '0197a2c4-0000-7000-8000-000000000000')).rejects.toThrow(
      DeadLetterNotFoundError,
    );
    const [stored] = (await listDeadLetters(bus)).letters;
    if (!stored) throw new Error('no dead letter');
    const other = await openBus(`${namespace}x`, 'dlq-test-other', memoryLogger());
    try {
      await expect(listDeadLetters(other)).rejects.toThrow(DeadLetterQueueNotFoundError);
      await expect(getDeadLetter(other, '1')).rejects.toThrow(DeadLetterQueueNotFoundError);
      await provisionStreams(other, [STREAMS.workflow]);
      await expect(replayDeadLetter(other, stored.letter)).rejects.toThrow(
        DeadLetterNotReplayableError,
      );
    } finally {
      await other.close();
      await deleteNamespaceStreams(natsUrl(), `${namespace}x`);
    }
  });
});
