import { createEnvelope, envelopeJson, InvalidMessageError, parseEnvelope } from './index';
import { ProjectCancelRequestedV1 } from './workflow/project-cancel-requested.v1';
import { ProjectSubmittedV1 } from './workflow/project-submitted.v1';

const aCancel = () =>
  createEnvelope(
    ProjectCancelRequestedV1,
    { projectId: '0192f5a4-0000-7000-8000-000000000001', requestedBy: 'test' },
    { source: 'test', correlationId: '0192f5a4-0000-7000-8000-000000000001' },
  );

describe('validated envelopes', () => {
  it('checks an envelope once: the validated object passes again as it is', () => {
    const envelope = aCancel();
    expect(parseEnvelope(ProjectCancelRequestedV1, envelope)).toBe(envelope);
  });

  it('still checks a copy, and refuses a validated envelope under another contract', () => {
    const envelope = aCancel();
    const copy = JSON.parse(JSON.stringify(envelope)) as unknown;
    expect(parseEnvelope(ProjectCancelRequestedV1, copy)).toEqual(envelope);
    expect(() => parseEnvelope(ProjectSubmittedV1, envelope)).toThrow(InvalidMessageError);
    expect(() =>
      parseEnvelope(ProjectCancelRequestedV1, { ...envelope, data: { projectId: 'nope' } }),
    ).toThrow(InvalidMessageError);
  });

  it('serializes an envelope once', () => {
    const envelope = aCancel();
    expect(envelopeJson(envelope)).toBe(JSON.stringify(envelope));
    expect(envelopeJson(envelope)).toBe(envelopeJson(envelope));
  });
});
