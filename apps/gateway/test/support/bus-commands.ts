import { STREAMS, wireStreamName, wireSubject } from '@agentbus/contracts';
import { jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';

/** A message as stored on the stream. */
export interface StoredMessage {
  readonly subject: string;
  readonly msgId: string | undefined;
  readonly envelope: {
    id: string;
    type: string;
    correlationId: string;
    data: Record<string, unknown>;
  };
}

/** Every message of the namespace's workflow stream with `subject` (canonical), oldest first. */
export async function messagesOn(
  nc: NatsConnection,
  namespace: string,
  subject: string,
): Promise<StoredMessage[]> {
  const jsm = await jetstreamManager(nc);
  const stream = wireStreamName(namespace, STREAMS.workflow.name);
  const { state } = await jsm.streams.info(stream);
  const wanted = wireSubject(namespace, subject);
  const found: StoredMessage[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq += 1) {
    const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
    if (message?.subject !== wanted) continue;
    found.push({
      subject,
      msgId: message.header?.get('Nats-Msg-Id'),
      envelope: message.json<StoredMessage['envelope']>(),
    });
  }
  return found;
}

/** How many messages the namespace's workflow stream holds (any subject). */
export async function workflowMessageCount(nc: NatsConnection, namespace: string): Promise<number> {
  const jsm = await jetstreamManager(nc);
  const { state } = await jsm.streams.info(wireStreamName(namespace, STREAMS.workflow.name));
  return state.messages;
}
