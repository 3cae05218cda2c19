import { InvalidMessageError, PermanentError, RetryableError } from '@agentbus/contracts';
import { backoffFor, outcomeLabel, outcomeOf, type RetryPolicy } from './settle';

const policy: RetryPolicy = { maxDeliver: 5, backoffMs: 100, maxBackoffMs: 1_000 };
const noJitter = (): number => 0.5; // 0.75 + 0.5 * 0.5 = exactly the base delay

describe(outcomeOf.name, () => {
  it('acks when the handler succeeded', () => {
    expect(outcomeOf(undefined, 1, policy)).toEqual({ kind: 'ack' });
  });

  it.each([
    ['a permanent error', new PermanentError('project missing'), 'PermanentError'],
    [
      'an invalid message',
      new InvalidMessageError('agentbus.x.v1.a.b', ['data.id: bad']),
      'InvalidMessageError',
    ],
  ])('dead-letters %s on the first delivery', (_label, error, errorName) => {
    expect(outcomeOf(error, 1, policy)).toEqual({
      kind: 'dead-letter',
      reason: error.message,
      errorName,
    });
  });

  it('naks an unclassified error with exponential backoff', () => {
    expect(outcomeOf(new Error('boom'), 1, policy, noJitter)).toEqual({
      kind: 'nak',
      delayMs: 100,
    });
    expect(outcomeOf(new Error('boom'), 3, policy, noJitter)).toEqual({
      kind: 'nak',
      delayMs: 400,
    });
  });

  it('uses the delay a retryable error asks for', () => {
    const error = new RetryableError('rate limited', { retryInMs: 7_000 });
    expect(outcomeOf(error, 2, policy)).toEqual({ kind: 'nak', delayMs: 7_000 });
  });

  it('dead-letters once deliveries are exhausted, keeping the cause in the reason', () => {
    const outcome = outcomeOf(new RetryableError('timeout'), 5, policy);
    expect(outcome).toEqual({
      kind: 'dead-letter',
      reason: 'deliveries exhausted (5/5): timeout',
      errorName: 'RetryableError',
    });
  });

  it('treats a thrown non-error as unclassified', () => {
    expect(outcomeOf('nope', 1, policy, noJitter)).toEqual({ kind: 'nak', delayMs: 100 });
    expect(outcomeOf('nope', 5, policy)).toMatchObject({
      kind: 'dead-letter',
      errorName: 'string',
    });
  });
});

describe(backoffFor.name, () => {
  it.each([
    [1, 100],
    [2, 200],
    [3, 400],
    [4, 800],
    [5, 1_000],
    [60, 1_000],
  ])('delivery %i waits %i ms without jitter', (deliveryCount, expected) => {
    expect(backoffFor(deliveryCount, policy, noJitter)).toBe(expected);
  });

  it('jitters within ±25 % and never above the cap', () => {
    expect(backoffFor(2, policy, () => 0)).toBe(150);
    expect(backoffFor(2, policy, () => 1)).toBe(250);
    expect(backoffFor(4, policy, () => 1)).toBe(1_000);
  });
});

describe(outcomeLabel.name, () => {
  it('maps outcomes to metric labels', () => {
    expect(outcomeLabel({ kind: 'ack' })).toBe('ack');
    expect(outcomeLabel({ kind: 'nak', delayMs: 1 })).toBe('nak');
    expect(outcomeLabel({ kind: 'dead-letter', reason: 'x', errorName: 'Error' })).toBe(
      'dead_letter',
    );
  });
});
