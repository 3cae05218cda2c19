import { createEnvelope, HEADERS, MessageDeadLetteredV1, wireSubject } from '@agentbus/contracts';
import { v5 as uuidv5 } from 'uuid';
import { type Bus } from './bus';
import { toHeaderValue } from './headers';
import { type PublishResult, sendEnvelope } from './publisher';

// Fixed namespace for the bus's deterministic (v5) ids; changing it would break DLQ dedupe.
const AGENTBUS_UUID_NAMESPACE = '9b1f7a3e-52c4-4d8a-b6e1-0c7d2f4a8e13';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Everything known about a message that is taken off its consumer. */
export interface DeadLetterInput {
  /** Canonical subject of the original (without the namespace). */
  readonly subject: string;
  /** Stream name on the wire; `streamSequence` is valid there. */
  readonly stream: string;
  readonly consumer: string;
  readonly streamSequence: number;
  readonly deliveryCount: number;
  readonly reason: string;
  readonly errorName: string;
  readonly headers: Record<string, string[]>;
  readonly payload: Uint8Array;
}

/**
 * Deterministic id of the dead letter of one message on one durable. A re-dead-letter after a
 * crash, or by several replicas reacting to the same advisory, is dropped by the server's dedupe.
 * The durable is part of the key so two consumers of the same message each keep their own letter.
 */
export const deadLetterId = (stream: string, streamSequence: number, consumer: string): string =>
  uuidv5(`dead-letter:${stream}:${streamSequence}:${consumer}`, AGENTBUS_UUID_NAMESPACE);

/** Correlation id of a dead letter whose original could not be parsed. */
export const fallbackCorrelationId = (stream: string, streamSequence: number): string =>
  uuidv5(`message:${stream}:${streamSequence}`, AGENTBUS_UUID_NAMESPACE);

/** The id and correlation id of the original, when its bytes parse as an envelope-like object. */
function originalIds(payload: Uint8Array): { id?: string; correlationId?: string } {
  try {
    const raw: unknown = JSON.parse(Buffer.from(payload).toString('utf8'));
    if (typeof raw !== 'object' || raw === null) return {};
    const { id, correlationId } = raw as Record<string, unknown>;
    return {
      ...(typeof id === 'string' && id.length <= 200 ? { id } : {}),
      ...(typeof correlationId === 'string' && UUID.test(correlationId) ? { correlationId } : {}),
    };
  } catch {
    return {};
  }
}

/** Builds the `MessageDeadLetteredV1` envelope for a message (pure apart from the clock). */
export function deadLetterEnvelope(input: DeadLetterInput, source: string): MessageDeadLetteredV1 {
  const original = originalIds(input.payload);
  return createEnvelope(
    MessageDeadLetteredV1,
    {
      subject: input.subject,
      stream: input.stream,
      consumer: input.consumer,
      streamSequence: input.streamSequence,
      deliveryCount: input.deliveryCount,
      reason: input.reason.slice(0, 8_000),
      errorName: input.errorName.slice(0, 200),
      ...(original.id === undefined ? {} : { originalId: original.id }),
      headers: input.headers,
      payloadBase64: Buffer.from(input.payload).toString('base64'),
    },
    {
      id: deadLetterId(input.stream, input.streamSequence, input.consumer),
      source,
      correlationId:
        original.correlationId ?? fallbackCorrelationId(input.stream, input.streamSequence),
      ...(original.id === undefined || !UUID.test(original.id) ? {} : { causationId: original.id }),
    },
  );
}

/** Publishes the dead letter of a message to the DLQ stream (deduped by its deterministic id). */
export async function publishDeadLetter(bus: Bus, input: DeadLetterInput): Promise<PublishResult> {
  const envelope = deadLetterEnvelope(input, bus.name);
  const result = await sendEnvelope(bus, envelope, bus.metrics, {
    headers: { [HEADERS.deadLetterReason]: toHeaderValue(input.reason) },
  });
  bus.logger.warn(
    {
      subject: input.subject,
      consumer: input.consumer,
      streamSequence: input.streamSequence,
      deliveryCount: input.deliveryCount,
      reason: input.reason,
      dlqSubject: wireSubject(bus.namespace, MessageDeadLetteredV1.subject),
      // What `agent-bus dlq show|replay` take: the letter's DLQ sequence or its id.
      dlqSequence: result.seq,
      deadLetterId: envelope.id,
      duplicate: result.duplicate,
    },
    'message dead-lettered',
  );
  return result;
}
