import { randomUUID } from 'node:crypto';
import {
  CpuTaskRequestedLateV1,
  CpuTaskRequestedMiddleV1,
  CpuTaskRequestedV1,
  type StageId,
} from '@agentbus/contracts';
import { DEFAULT_WORKFLOW } from './workflow.dag';
import { envelopeOf } from './workflow-messages';

const aDispatch = (stage: StageId) =>
  ({
    kind: 'dispatch',
    task: {
      taskId: randomUUID(),
      stage,
      attempt: 1,
      target: 'cpu',
      inputs: [],
      deadlineAt: new Date('2026-01-01T00:10:00Z'),
      revision: null,
    },
  }) as const;

const meta = () => ({
  id: randomUUID(),
  projectId: randomUUID(),
  causationId: undefined,
  time: new Date('2026-01-01T00:00:00Z'),
});

describe(envelopeOf.name, () => {
  it.each([
    ['feature_tree', CpuTaskRequestedV1.subject],
    ['plan', CpuTaskRequestedMiddleV1.subject],
    ['development', CpuTaskRequestedMiddleV1.subject],
    ['qa', CpuTaskRequestedLateV1.subject],
    ['delivery', CpuTaskRequestedLateV1.subject],
  ] as const)('dispatches %s on the lane %s, so later stages are taken first', (stage, subject) => {
    const envelope = envelopeOf(DEFAULT_WORKFLOW, aDispatch(stage), meta());
    expect(envelope.type).toBe(subject);
    expect(envelope.data).toMatchObject({ stage, attempt: 1 });
  });
});
