import {
  type ConsumerPolicy,
  InvalidMessageError,
  PermanentError,
  RetryableError,
} from '@agentbus/contracts';
import { type Bus } from './bus';
import { type DeadLetterInput, publishDeadLetter } from './dead-letter';
import { errorFields, type HandleOutcome } from './hooks';
import { type DeliveredMessage } from './pulled-message';

/** The part of a consumer policy that decides retries. */
export type RetryPolicy = Pick<ConsumerPolicy, 'maxDeliver' | 'backoffMs' | 'maxBackoffMs'>;

/** How one delivery ends. */
export type Outcome =
  | { readonly kind: 'ack' }
  | { readonly kind: 'nak'; readonly delayMs: number }
  | { readonly kind: 'dead-letter'; readonly reason: string; readonly errorName: string };

// Past 2^20 the cap has long been reached; a bounded exponent keeps the arithmetic finite.
const MAX_EXPONENT = 20;

/**
 * Redelivery delay after `deliveryCount` deliveries: `backoffMs` doubled per delivery, ±25 %
 * jitter so a burst of failures does not come back in lockstep, capped at `maxBackoffMs`.
 */
export function backoffFor(
  deliveryCount: number,
  policy: Pick<RetryPolicy, 'backoffMs' | 'maxBackoffMs'>,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(deliveryCount - 1, 0), MAX_EXPONENT);
  const base = policy.backoffMs * 2 ** exponent;
  const jittered = base * (0.75 + random() * 0.5);
  return Math.round(Math.min(policy.maxBackoffMs, jittered));
}

/**
 * Chooses the settlement of a delivery from the handler's error (`undefined` = success):
 * permanent and invalid messages are dead-lettered at once; anything else is redelivered with
 * backoff (or the delay a {@link RetryableError} asks for) until `maxDeliver` runs out.
 */
export function outcomeOf(
  error: unknown,
  deliveryCount: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): Outcome {
  if (error === undefined) return { kind: 'ack' };
  const errorName = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof InvalidMessageError || error instanceof PermanentError) {
    return { kind: 'dead-letter', reason: message, errorName };
  }
  if (deliveryCount >= policy.maxDeliver) {
    return {
      kind: 'dead-letter',
      reason: `deliveries exhausted (${deliveryCount}/${policy.maxDeliver}): ${message}`,
      errorName,
    };
  }
  const hinted = error instanceof RetryableError ? error.retryInMs : undefined;
  return { kind: 'nak', delayMs: hinted ?? backoffFor(deliveryCount, policy, random) };
}

/** The metric label of an outcome. */
export const outcomeLabel = (outcome: Outcome): HandleOutcome =>
  outcome.kind === 'dead-letter' ? 'dead_letter' : outcome.kind;

/**
 * Applies an outcome to a delivery. Dead-lettering publishes to the DLQ first and terminates only
 * once that is stored; if the DLQ publish fails the message is naked instead, so it comes back (or,
 * on its last delivery, reaches the max-deliveries advisory, which dead-letters it again).
 */
export async function settle(
  bus: Bus,
  msg: DeliveredMessage,
  outcome: Outcome,
  deadLetter: () => DeadLetterInput,
  policy: RetryPolicy,
): Promise<HandleOutcome> {
  switch (outcome.kind) {
    case 'ack':
    case 'nak':
      return settleNow(msg, outcome);
    case 'dead-letter':
      try {
        await publishDeadLetter(bus, deadLetter());
      } catch (error) {
        bus.logger.error(
          { ...errorFields(error), streamSequence: msg.info.streamSequence },
          'dead-letter publish failed; message naked',
        );
        msg.nak(backoffFor(msg.info.deliveryCount, policy));
        return 'nak';
      }
      msg.term();
      return 'dead_letter';
  }
}

/** Acks or naks synchronously: the hot path, without the promise `settle` returns. */
export function settleNow(
  msg: DeliveredMessage,
  outcome: Exclude<Outcome, { kind: 'dead-letter' }>,
): HandleOutcome {
  if (outcome.kind === 'ack') {
    msg.ack();
    return 'ack';
  }
  msg.nak(outcome.delayMs);
  return 'nak';
}

/** Gives a delivery back at once (shutdown, or over the credit) so another replica takes it. */
export const release = (msg: DeliveredMessage): void => msg.nak();

/** Progress ack: resets the server's ack-wait timer for a message still being worked on. */
export const touch = (msg: DeliveredMessage): void => msg.working();
