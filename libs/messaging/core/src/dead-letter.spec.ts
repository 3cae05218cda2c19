import { MessageDeadLetteredV1, newMessageId } from '@agentbus/contracts';
import {
  type DeadLetterInput,
  deadLetterEnvelope,
  deadLetterId,
  fallbackCorrelationId,
} from './dead-letter';

const anInput = (overrides: Partial<DeadLetterInput> = {}): DeadLetterInput => ({
  subject: 'agentbus.workflow.v1.project.submitted',
  stream: 'T1_AGENTBUS_WORKFLOW',
  consumer: 'orch-project-submitted',
  streamSequence: 42,
  deliveryCount: 3,
  reason: 'deliveries exhausted (3/3): boom',
  errorName: 'Error',
  headers: { 'Nats-Msg-Id': ['m1'] },
  payload: Buffer.from('not json'),
  ...overrides,
});

describe(deadLetterEnvelope.name, () => {
  it('builds a valid dead letter with a deterministic id', () => {
    const first = deadLetterEnvelope(anInput(), 'test');
    const again = deadLetterEnvelope(anInput({ deliveryCount: 4 }), 'test');

    expect(first.type).toBe(MessageDeadLetteredV1.subject);
    expect(first.id).toBe(again.id);
    expect(first.id).toBe(deadLetterId('T1_AGENTBUS_WORKFLOW', 42, 'orch-project-submitted'));
    expect(first.data).toMatchObject({
      subject: 'agentbus.workflow.v1.project.submitted',
      streamSequence: 42,
      deliveryCount: 3,
      payloadBase64: Buffer.from('not json').toString('base64'),
    });
  });

  it('gives each durable its own dead letter of the same message', () => {
    expect(deadLetterId('S', 1, 'a')).not.toBe(deadLetterId('S', 1, 'b'));
    expect(deadLetterId('S', 1, 'a')).not.toBe(deadLetterId('S', 2, 'a'));
  });

  it('falls back to a correlation id derived from stream and sequence for unreadable payloads', () => {
    const envelope = deadLetterEnvelope(anInput(), 'test');
    expect(envelope.correlationId).toBe(fallbackCorrelationId('T1_AGENTBUS_WORKFLOW', 42));
    expect(envelope.data.originalId).toBeUndefined();
  });

  it("keeps the original's correlation id and id when the payload parses", () => {
    const id = newMessageId();
    const correlationId = newMessageId();
    const payload = Buffer.from(JSON.stringify({ id, correlationId, data: { broken: true } }));
    const envelope = deadLetterEnvelope(anInput({ payload }), 'test');
    expect(envelope).toMatchObject({ correlationId, causationId: id, data: { originalId: id } });
  });

  it('bounds reason and error name to the contract limits', () => {
    const envelope = deadLetterEnvelope(
      anInput({ reason: 'r'.repeat(9_000), errorName: 'E'.repeat(300) }),
      'test',
    );
    expect(envelope.data.reason).toHaveLength(8_000);
    expect(envelope.data.errorName).toHaveLength(200);
  });
});
