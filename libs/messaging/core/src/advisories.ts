import { type ConsumerDefinition, wireStreamName } from '@agentbus/contracts';
import { JetStreamApiError, type StoredMsg } from '@nats-io/jetstream';
import { type Subscription } from '@nats-io/transport-node';
import { z } from 'zod';
import { type Bus } from './bus';
import { publishDeadLetter } from './dead-letter';
import { headersToRecord } from './headers';
import { type BusLogger, errorFields } from './hooks';
import { maxDeliveriesAdvisorySubject } from './names';

/** `io.nats.jetstream.advisory.v1.max_deliver`, the fields we read. */
const MaxDeliveriesAdvisory = z.object({
  stream: z.string(),
  consumer: z.string(),
  stream_seq: z.number().int().positive(),
  deliveries: z.number().int().nonnegative(),
});
type MaxDeliveriesAdvisory = z.infer<typeof MaxDeliveriesAdvisory>;

export const EXHAUSTED_REASON = 'max deliveries exhausted';
const ATTEMPTS = 3;

/**
 * Dead-letters messages whose deliveries ran out while no process could settle the last one (it
 * crashed or lost its connection mid-handler). The server announces those on an advisory; every
 * replica listens, and the deterministic dead-letter id lets the server keep only one copy.
 */
export function listenForExhausted(
  bus: Bus,
  definition: ConsumerDefinition,
  logger: BusLogger,
): Subscription {
  const stream = wireStreamName(bus.namespace, definition.stream);
  return bus.nc.subscribe(maxDeliveriesAdvisorySubject(stream, definition.durable), {
    callback: (error, msg) => {
      if (error) {
        logger.error(
          { ...errorFields(error), durable: definition.durable },
          'advisory subscription failed',
        );
        return;
      }
      const parsed = MaxDeliveriesAdvisory.safeParse(safeJson(msg.string()));
      if (!parsed.success) {
        logger.warn({ durable: definition.durable }, 'unreadable max-deliveries advisory ignored');
        return;
      }
      void deadLetterExhausted(bus, definition, parsed.data, logger);
    },
  });
}

async function deadLetterExhausted(
  bus: Bus,
  definition: ConsumerDefinition,
  advisory: MaxDeliveriesAdvisory,
  logger: BusLogger,
): Promise<void> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const stored = await storedMessage(bus, advisory.stream, advisory.stream_seq);
      await publishDeadLetter(bus, {
        subject: definition.message.subject,
        stream: advisory.stream,
        consumer: advisory.consumer,
        streamSequence: advisory.stream_seq,
        deliveryCount: advisory.deliveries,
        reason: stored ? EXHAUSTED_REASON : `${EXHAUSTED_REASON} (message no longer in the stream)`,
        errorName: 'MaxDeliveriesExhausted',
        headers: headersToRecord(stored?.header),
        payload: stored?.data ?? new Uint8Array(),
      });
      return;
    } catch (error) {
      logger.error(
        {
          ...errorFields(error),
          durable: advisory.consumer,
          streamSequence: advisory.stream_seq,
          attempt,
        },
        'dead-lettering an exhausted message failed',
      );
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

// JetStream answers "no message found" (10037) for a sequence removed by limits or purge.
const NO_MESSAGE_FOUND = 10_037;

async function storedMessage(bus: Bus, stream: string, seq: number): Promise<StoredMsg | null> {
  try {
    return await bus.jsm.streams.getMessage(stream, { seq });
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === NO_MESSAGE_FOUND) return null;
    throw error;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
