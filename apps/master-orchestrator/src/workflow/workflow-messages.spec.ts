import { randomUUID } from 'node:crypto';
import {
  CpuTaskRequestedLateV1,
  CpuTaskRequestedMiddleV1,
  CpuTaskRequestedV1,
  GpuJobRequestedV1,
  RoutingDecidedV1,
  type StageId,
} from '@agentbus/contracts';
import { DEFAULT_WORKFLOW } from './workflow.dag';
import { envelopeOf } from './workflow-messages';
import { WORKFLOW_V2, withTopology } from './workflow-versions';
import { type WorkflowEvent } from './workflow.types';

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

  it('dispatches a GPU stage as a feasibility job with the routed resources (validated by its contract)', () => {
    const workflow = withTopology(DEFAULT_WORKFLOW, WORKFLOW_V2);
    const resources = { gpus: 1, gpuType: 'nvidia-l4', gpuMemoryGi: 16, cpu: 8, memoryGi: 32 };
    const base = aDispatch('ml_feasibility');
    const effect = { ...base, task: { ...base.task, target: 'gpu', resources } } as const;
    const envelope = envelopeOf(workflow, effect, meta());
    expect(envelope.type).toBe(GpuJobRequestedV1.subject);
    expect(envelope.data).toMatchObject({
      stage: 'ml_feasibility',
      kind: 'feasibility',
      resources: { gpus: 1, gpuType: 'nvidia-l4', memoryGi: 16, cpu: 8 },
    });
  });

  it('refuses a GPU dispatch without routed resources instead of guessing them', () => {
    const workflow = withTopology(DEFAULT_WORKFLOW, WORKFLOW_V2);
    const base = aDispatch('ml_feasibility');
    const effect = { ...base, task: { ...base.task, target: 'gpu' } } as const;
    expect(() => envelopeOf(workflow, effect, meta())).toThrow(/no routed resources/);
  });

  it('publishes routing.decided as its contract', () => {
    const event: WorkflowEvent = {
      name: 'routing_decided',
      data: { score: 0.9, signals: ['cv_detection: yolo'], target: 'gpu' },
    };
    const envelope = envelopeOf(DEFAULT_WORKFLOW, { kind: 'event', event }, meta());
    expect(envelope.type).toBe(RoutingDecidedV1.subject);
  });
});
