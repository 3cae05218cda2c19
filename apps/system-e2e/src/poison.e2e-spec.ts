import {
  ALL_CONSUMERS,
  HEADERS,
  MessageDeadLetteredV1,
  newMessageId,
  parseEnvelope,
  STREAMS,
  wireStreamName,
  wireSubject,
} from '@agentbus/contracts';
import { eventually, natsUrl, startStack, testNamespace, type Stack } from '@agentbus/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { apiOf } from './support/api';

/**
 * Poison on every durable subject: a payload that is not JSON and an envelope that breaks its
 * contract go to the dead-letter queue once each, with a reason, and nothing else stops.
 */
describe('poison messages on every durable', () => {
  const namespace = testNamespace();
  let stack: Stack;
  let nc: NatsConnection;

  beforeAll(async () => {
    stack = await startStack(namespace);
    nc = await connect({ servers: await natsUrl() });
  }, 120_000);

  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  const deadLetters = async () => {
    const jsm = await jetstreamManager(nc);
    const stream = wireStreamName(namespace, STREAMS.dlq.name);
    const { state } = await jsm.streams.info(stream);
    const letters = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const stored = await jsm.streams.getMessage(stream, { seq });
      if (stored) letters.push(parseEnvelope(MessageDeadLetteredV1, stored.json()).data);
    }
    return letters;
  };

  it('dead-letters each poison message once with a reason and keeps running projects', async () => {
    const js = jetstream(nc);
    const publishRaw = async (subject: string, payload: string) => {
      const id = newMessageId();
      const headers = natsHeaders();
      headers.set(HEADERS.msgId, id);
      await js.publish(wireSubject(namespace, subject), payload, { msgID: id, headers });
    };
    // Every durable the running services provisioned. Several durables may share a subject
    // (project.deletion-requested has one per owning service), and a pool draining priority
    // lanes is not always waiting on each lane, so each subject is poisoned once and every
    // durable on it must dead-letter both messages.
    const jsm = await jetstreamManager(nc);
    const durables = [];
    for (const consumer of ALL_CONSUMERS) {
      const info = await jsm.consumers
        .info(wireStreamName(namespace, consumer.stream), consumer.durable)
        .catch(() => undefined);
      if (info !== undefined) durables.push(consumer);
    }
    expect(durables.map((d) => d.app)).toEqual(
      expect.arrayContaining(['master-orchestrator', 'cpu-agent-worker']),
    );
    for (const subject of new Set(durables.map((consumer) => consumer.message.subject))) {
      await publishRaw(subject, '{ this is not json');
      await publishRaw(
        subject,
        JSON.stringify({ id: newMessageId(), type: subject, source: 'attacker', data: { x: 1 } }),
      );
    }

    const letters = await eventually(
      async () => {
        const found = await deadLetters();
        expect(found).toHaveLength(durables.length * 2);
        return found;
      },
      { timeoutMs: 60_000 },
    );
    for (const consumer of durables) {
      const mine = letters.filter((letter) => letter.consumer === consumer.durable);
      expect({ durable: consumer.durable, letters: mine.length }).toEqual({
        durable: consumer.durable,
        letters: 2,
      });
      for (const letter of mine) expect(letter.reason.length).toBeGreaterThan(0);
    }

    // Nothing else stopped: a project still runs through every stage.
    const api = apiOf(stack);
    const id = await api.submit({ gates: { prd_approval: false } });
    const done = await api.waitFor(id, (view) => view.state === 'completed', 120_000);
    expect(done.state).toBe('completed');
    expect(await deadLetters()).toHaveLength(durables.length * 2);
  }, 240_000);
});
