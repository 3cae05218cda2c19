import { GATES, PIPELINE } from '../workflow/pipeline';
import {
  CPU_TASK_LANES,
  cpuTaskLaneOf,
  cpuTaskRequestFor,
  isCpuTaskRequest,
} from './cpu-task-lanes';
import {
  CpuTaskRequestedLateV1,
  CpuTaskRequestedMiddleV1,
  CpuTaskRequestedV1,
  CpuTaskSucceededV1,
} from './cpu-task.v1';

const rank = (stage: Parameters<typeof cpuTaskLaneOf>[0]): number =>
  CPU_TASK_LANES.length - CPU_TASK_LANES.indexOf(cpuTaskLaneOf(stage));

describe(cpuTaskLaneOf.name, () => {
  it.each(PIPELINE.flatMap((stage) => stage.after.map((before) => [stage.id, before] as const)))(
    '%s is in no lower lane than %s, which it comes after',
    (stage, before) => {
      expect(rank(stage)).toBeGreaterThanOrEqual(rank(before));
    },
  );

  it.each(GATES.map((gate) => [gate.id] as const))(
    'the stages after the stage that follows %s are in a higher lane (a backlog there does not lockstep)',
    (gateId) => {
      const gate = GATES.find((candidate) => candidate.id === gateId);
      const next = PIPELINE.filter(
        (stage) => gate !== undefined && stage.after.includes(gate.after),
      );
      for (const first of next) {
        for (const after of PIPELINE.filter((stage) => stage.after.includes(first.id))) {
          expect(rank(after.id)).toBeGreaterThan(rank(first.id));
        }
      }
    },
  );

  it('sends the first stage on the subject tasks had before lanes, the last on the late lane', () => {
    expect(cpuTaskRequestFor('prd')).toBe(CpuTaskRequestedV1);
    expect(cpuTaskRequestFor('delivery')).toBe(CpuTaskRequestedLateV1);
  });

  it('recognises a task request of every lane, and nothing else', () => {
    const lanes = [CpuTaskRequestedV1, CpuTaskRequestedMiddleV1, CpuTaskRequestedLateV1];
    expect(lanes.map((lane) => isCpuTaskRequest(lane.subject))).toEqual([true, true, true]);
    expect(isCpuTaskRequest(CpuTaskSucceededV1.subject)).toBe(false);
  });
});
