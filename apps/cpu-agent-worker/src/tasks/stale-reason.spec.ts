import { type CpuTaskRequestedV1 } from '@agentbus/contracts';
import { staleReason } from './task-context.loader';

const task = {
  taskId: '0192f5a4-0000-7000-8000-000000000001',
  projectId: '0192f5a4-0000-7000-8000-000000000002',
  stage: 'plan',
  attempt: 2,
  agent: 'plan',
  inputs: [],
  deadlineAt: '2026-12-02T10:00:00.000Z',
} as CpuTaskRequestedV1['data'];
const before = Date.parse('2026-12-02T09:00:00.000Z');

describe(staleReason.name, () => {
  it('lets the current attempt of an in-flight stage run', () => {
    expect(staleReason(task, { attempt: 2, state: 'dispatched' }, before)).toBeUndefined();
    expect(staleReason(task, { attempt: 2, state: 'running' }, before)).toBeUndefined();
  });

  it('stops an attempt the orchestrator replaced, finished, cancelled or timed out', () => {
    expect(staleReason(task, { attempt: 3, state: 'dispatched' }, before)).toMatch(/attempt 3/);
    expect(staleReason(task, { attempt: 2, state: 'succeeded' }, before)).toMatch(/succeeded/);
    expect(staleReason(task, { attempt: 2, state: 'cancelled' }, before)).toMatch(/cancelled/);
    expect(
      staleReason(task, { attempt: 2, state: 'dispatched' }, Date.parse(task.deadlineAt)),
    ).toMatch(/deadline/);
    expect(staleReason(task, undefined, before)).toMatch(/not visible/);
  });
});
