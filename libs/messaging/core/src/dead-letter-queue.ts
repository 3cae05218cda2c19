import {
  HEADERS,
  MessageDeadLetteredV1,
  parseEnvelope,
  parseSubject,
  STREAMS,
  streamFor,
  wireStreamName,
  wireSubject,
} from '@agentbus/contracts';
import { JetStreamApiCodes, JetStreamApiError, type JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { v5 as uuidv5 } from 'uuid';
import { type Bus } from './bus';
import {
  DeadLetterNotFoundError,
  DeadLetterNotReplayableError,
  DeadLetterQueueNotFoundError,
} from './errors';

// Fixed namespace of replay message ids; changing it would let a second replay through the dedupe.
const REPLAY_UUID_NAMESPACE = '3c6e2f18-9a4b-4d7e-8f21-5b0a7c9d1e64';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_MESSAGE_FOUND = 10_037;
const PAGE = 256;

/** A dead letter with its sequence in the DLQ stream (the short handle operators type). */
export interface StoredDeadLetter {
  readonly seq: number;
  readonly letter: MessageDeadLetteredV1;
}

/** Which dead letters to read; both fields optional. */
export interface DeadLetterFilter {
  /** The original's canonical subject; NATS wildcards work (`agentbus.task.>`, `*.*.v1.*.failed`). */
  readonly subject?: string | undefined;
  /** The durable that dead-lettered it, e.g. `orch-cpu-succeeded`. */
  readonly consumer?: string | undefined;
}

/** What a replay did. `duplicate`: the server already had this replay (deduped by its id). */
export interface ReplayResult {
  readonly deadLetterId: string;
  /** Canonical subject the original was put back on. */
  readonly subject: string;
  /** Sequence of the replayed message in the original's stream. */
  readonly seq: number;
  readonly duplicate: boolean;
  /** `Nats-Msg-Id` of the replay, derived from the dead letter id. */
  readonly messageId: string;
}

/** True when `subject` matches a NATS subject pattern (`*` one token, `>` one or more at the end). */
export function subjectMatches(pattern: string, subject: string): boolean {
  const want = pattern.split('.');
  const have = subject.split('.');
  for (const [index, token] of want.entries()) {
    if (token === '>') return index === want.length - 1 && have.length > index;
    if (index >= have.length || (token !== '*' && token !== have[index])) return false;
  }
  return want.length === have.length;
}

const matches = (letter: MessageDeadLetteredV1, filter: DeadLetterFilter): boolean =>
  (filter.subject === undefined || subjectMatches(filter.subject, letter.data.subject)) &&
  (filter.consumer === undefined || filter.consumer === letter.data.consumer);

const dlqStream = (bus: Bus): string => wireStreamName(bus.namespace, STREAMS.dlq.name);

/**
 * Reads the namespace's DLQ stream oldest first with an ephemeral ordered consumer (nothing is
 * acked or removed). Entries that are not dead letters are skipped.
 */
export async function* readDeadLetters(
  bus: Bus,
  filter: DeadLetterFilter = {},
): AsyncGenerator<StoredDeadLetter> {
  const stream = dlqStream(bus);
  const { state } = await bus.jsm.streams.info(stream).catch(streamMissing(stream));
  if (state.messages === 0) return;
  const consumer = await bus.js.consumers.get(stream);
  for (;;) {
    let received = 0;
    const batch = await consumer.fetch({ max_messages: PAGE, expires: 2_000 });
    for await (const msg of batch) {
      received++;
      const stored = storedLetter(msg);
      if (stored !== undefined && matches(stored.letter, filter)) yield stored;
      // Caught up with the stream: leaving the loop stops the fetch instead of waiting it out.
      if (msg.info.pending === 0) return;
    }
    if (received === 0) return;
  }
}

/** Turns JetStream's "stream not found" into {@link DeadLetterQueueNotFoundError}. */
const streamMissing =
  (stream: string) =>
  (error: unknown): never => {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) {
      throw new DeadLetterQueueNotFoundError(stream, { cause: error });
    }
    throw error;
  };

function storedLetter(msg: JsMsg): StoredDeadLetter | undefined {
  try {
    return { seq: msg.seq, letter: parseEnvelope(MessageDeadLetteredV1, msg.json()) };
  } catch {
    return undefined;
  }
}

/** The newest `limit` dead letters that match, oldest first, and how many matched in all. */
export async function listDeadLetters(
  bus: Bus,
  filter: DeadLetterFilter = {},
  limit = 50,
): Promise<{ letters: StoredDeadLetter[]; total: number }> {
  const letters: StoredDeadLetter[] = [];
  let total = 0;
  for await (const stored of readDeadLetters(bus, filter)) {
    total++;
    letters.push(stored);
    if (letters.length > limit) letters.shift();
  }
  return { letters, total };
}

/**
 * One dead letter by its DLQ sequence (`17`) or its id (a uuid); the `message dead-lettered` log
 * line carries both (`dlqSequence`, `deadLetterId`); throws {@link DeadLetterNotFoundError}.
 */
export async function getDeadLetter(bus: Bus, ref: string): Promise<StoredDeadLetter> {
  if (/^[1-9][0-9]*$/.test(ref)) {
    try {
      const stream = dlqStream(bus);
      const stored = await bus.jsm.streams
        .getMessage(stream, { seq: Number(ref) })
        .catch(streamMissing(stream));
      if (stored) {
        return { seq: stored.seq, letter: parseEnvelope(MessageDeadLetteredV1, stored.json()) };
      }
    } catch (error) {
      if (!(error instanceof JetStreamApiError && error.code === NO_MESSAGE_FOUND)) throw error;
    }
  } else if (UUID.test(ref)) {
    for await (const stored of readDeadLetters(bus)) {
      if (stored.letter.id === ref.toLowerCase()) return stored;
    }
  }
  throw new DeadLetterNotFoundError(ref);
}

/** `Nats-Msg-Id` of the replay of a dead letter: the same for every replay of that letter. */
export const replayMessageId = (deadLetterId: string): string =>
  uuidv5(`replay:${deadLetterId}`, REPLAY_UUID_NAMESPACE);

/**
 * The headers a replay carries: the original's, minus the server's own (`Nats-*`: its msg id is
 * replaced, see {@link replayDeadLetter}), plus {@link HEADERS.replayOf}.
 */
export function replayHeaders(letter: MessageDeadLetteredV1): MsgHdrs {
  const headers = natsHeaders();
  for (const [key, values] of Object.entries(letter.data.headers)) {
    if (key.toLowerCase().startsWith('nats-')) continue;
    for (const value of values) headers.append(key, value);
  }
  headers.set(HEADERS.replayOf, letter.id);
  return headers;
}

/** Why a letter cannot be replayed on this bus, or `undefined` when it can. */
export function whyNotReplayable(
  bus: Pick<Bus, 'namespace'>,
  letter: MessageDeadLetteredV1,
): string | undefined {
  const { subject, stream, payloadBase64 } = letter.data;
  let domain: string;
  try {
    domain = parseSubject(subject).domain;
  } catch {
    return `"${subject}" is not an Agent Bus subject`;
  }
  if (domain === 'rpc' || domain === 'dlq') return `${subject} is not replayable`;
  if (payloadBase64 === '') {
    return 'the original was gone from its stream when it was dead-lettered';
  }
  const target = wireStreamName(bus.namespace, streamFor(subject).name);
  if (target !== stream) {
    return `it came from stream ${stream} but this bus publishes ${subject} to ${target} (check BUS_NAMESPACE)`;
  }
  return undefined;
}

/**
 * Puts the original message back on its subject: the same bytes (so the envelope id, which every
 * consumer's inbox records, is unchanged and a message that was applied once is not applied
 * again) and the same headers. Only `Nats-Msg-Id` differs: the original id may still be inside the
 * stream's duplicate window, where the server would silently drop the replay. The replay id is
 * derived from the dead letter id, so replaying one letter twice inside the window is dropped by the
 * server, and after it by the consumers' inboxes. Every durable on the subject receives the replay.
 */
export async function replayDeadLetter(
  bus: Bus,
  letter: MessageDeadLetteredV1,
): Promise<ReplayResult> {
  const reason = whyNotReplayable(bus, letter);
  if (reason !== undefined) throw new DeadLetterNotReplayableError(letter.id, reason);
  const { subject, stream, payloadBase64 } = letter.data;
  const messageId = replayMessageId(letter.id);
  const ack = await bus.js.publish(
    wireSubject(bus.namespace, subject),
    Buffer.from(payloadBase64, 'base64'),
    { msgID: messageId, headers: replayHeaders(letter), expect: { streamName: stream } },
  );
  bus.logger.info(
    { deadLetterId: letter.id, subject, stream, seq: ack.seq, duplicate: ack.duplicate },
    'dead letter replayed',
  );
  return { deadLetterId: letter.id, subject, seq: ack.seq, duplicate: ack.duplicate, messageId };
}
