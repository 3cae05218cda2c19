import {
  createEnvelope,
  InvalidMessageError,
  MessageDeadLetteredV1,
  newMessageId,
  PermanentError,
  ProjectSubmittedV1,
} from '@agentbus/contracts';
import { checkedEnvelope, MAX_ENVELOPE_BYTES } from './checked-envelope.util';

const aSubmission = (requirements = 'Build a weather app.') =>
  createEnvelope(
    ProjectSubmittedV1,
    {
      projectId: newMessageId(),
      name: 'weather',
      requirements,
      options: {},
      submittedBy: 'key-1',
    },
    { source: 'gateway', correlationId: newMessageId() },
  );

describe(checkedEnvelope.name, () => {
  it('returns the parsed envelope and its JSON', () => {
    const envelope = aSubmission();

    const checked = checkedEnvelope(envelope);

    expect(checked.envelope).toEqual(envelope);
    expect(JSON.parse(checked.json)).toEqual(envelope);
  });

  it('refuses data that breaks the contract', () => {
    const broken = { ...aSubmission(), data: { projectId: 'nope' } };

    expect(() => checkedEnvelope(broken)).toThrow(InvalidMessageError);
  });

  it('refuses a type that has no contract', () => {
    const unknown = { ...aSubmission(), type: 'agentbus.workflow.v9.project.teleported' };

    expect(() => checkedEnvelope(unknown)).toThrow(PermanentError);
  });

  it('refuses an envelope too large to publish, rather than let it block the relay', () => {
    // A dead letter of a near-1 MiB message: base64 makes it larger than NATS accepts.
    const deadLetter = createEnvelope(
      MessageDeadLetteredV1,
      {
        subject: 'agentbus.workflow.v1.project.submitted',
        stream: 'AGENTBUS_WORKFLOW',
        consumer: 'orch-project-submitted',
        streamSequence: 7,
        deliveryCount: 5,
        reason: 'too large',
        errorName: 'PermanentError',
        headers: {},
        payloadBase64: Buffer.alloc(MAX_ENVELOPE_BYTES).toString('base64'),
      },
      { source: 'master-orchestrator', correlationId: newMessageId() },
    );

    expect(() => checkedEnvelope(deadLetter)).toThrow(/bytes \(limit 921600\)/);
  });
});
