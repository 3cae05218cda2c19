import { Registry } from 'prom-client';
import {
  aSubmission,
  anArtifact,
  PROJECT_ID,
  WorkflowSim,
} from '../../../test/support/workflow-sim';
import { taskIdFor } from '../decider/ids';
import { type WorkflowInput } from '../workflow.types';
import { WorkflowMetrics } from './workflow.metrics';

describe(WorkflowMetrics.name, () => {
  const valueOf = async (registry: Registry, name: string, label: string) => {
    const metric = await registry.getSingleMetric(name)?.get();
    return metric?.values.find((value) => Object.values(value.labels).includes(label))?.value;
  };

  it('starts every series at zero', async () => {
    const registry = new Registry();
    new WorkflowMetrics(registry);
    expect(await valueOf(registry, 'agent_bus_projects_total', 'completed')).toBe(0);
    expect(await valueOf(registry, 'agent_bus_errors_total', 'stale_result')).toBe(0);
  });

  it('counts submissions, terminal states, stage durations, timeouts and stale results', async () => {
    const registry = new Registry();
    const sut = new WorkflowMetrics(registry);
    const sim = new WorkflowSim();
    const record = (input: WorkflowInput) => sut.record(input, sim.send(input));
    const noGates = { gates: { prd_approval: false, delivery_approval: false } };

    record({ kind: 'submitted', project: aSubmission(noGates) });
    record({ kind: 'submitted', project: aSubmission(noGates) }); // duplicate: not counted
    sim.now = new Date(sim.now.getTime() + 2_000);
    const prd = { taskId: taskIdFor(PROJECT_ID, 'prd', 1), stage: 'prd', attempt: 1 } as const;
    record({ kind: 'task_succeeded', ...prd, artifact: anArtifact('prd', 1) });
    sim.now = new Date(sim.now.getTime() + 60_000);
    record({ kind: 'task_timed_out', stage: 'feature_tree', attempt: 1 });
    record({ kind: 'cancel_requested' });
    record({ kind: 'task_succeeded', ...prd, artifact: anArtifact('prd', 1) });

    expect(await valueOf(registry, 'agent_bus_projects_total', 'submitted')).toBe(1);
    expect(await valueOf(registry, 'agent_bus_projects_total', 'cancelled')).toBe(1);
    expect(await valueOf(registry, 'agent_bus_errors_total', 'timeout')).toBe(1);
    expect(await valueOf(registry, 'agent_bus_errors_total', 'stale_result')).toBe(1);
    expect(await valueOf(registry, 'agent_bus_errors_total', 'stage_failure')).toBe(0);
    const durations = await registry.getSingleMetric('agent_bus_stage_duration_seconds')?.get();
    expect(durations?.values).toContainEqual(
      expect.objectContaining({ metricName: 'agent_bus_stage_duration_seconds_sum', value: 2 }),
    );
  });
});
