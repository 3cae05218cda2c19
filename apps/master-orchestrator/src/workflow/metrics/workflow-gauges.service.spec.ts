import { Registry } from 'prom-client';
import { type DataSource } from 'typeorm';
import { sample } from '../../../test/support/prometheus';
import { OVERDUE_GRACE_SECONDS, WorkflowGauges } from './workflow-gauges.service';

type Rows = Record<string, unknown>[];

/** A data source that answers each gauge's query by a word it contains; `down` makes it fail. */
function fakeDataSource(answers: { byStage: Rows; inFlight: Rows; stuck: Rows }) {
  const state = { down: false, params: [] as unknown[] };
  const dataSource = {
    isInitialized: true,
    query: async (sql: string, params?: unknown[]) => {
      if (state.down) throw new Error('connection terminated');
      if (params) state.params.push(...params);
      if (sql.includes('AS idle')) return answers.stuck;
      if (sql.includes('oldest_seconds')) return answers.inFlight;
      return answers.byStage;
    },
  };
  return { dataSource: dataSource as unknown as DataSource, state };
}

const answers = {
  byStage: [{ stage: 'architecture', projects: 2 }],
  inFlight: [
    { target: 'cpu', state: 'running', tasks: 5, oldest_seconds: 42.5 },
    { target: 'gpu', state: 'dispatched', tasks: 1, oldest_seconds: 1_900 },
  ],
  stuck: [{ idle: 1, overdue: 3 }],
};

describe(WorkflowGauges.name, () => {
  const start = (dataSource: DataSource) => {
    const registry = new Registry();
    registry.setDefaultLabels({ service: 'master-orchestrator' });
    new WorkflowGauges(registry, dataSource);
    return registry;
  };

  it('reports tasks in flight and the oldest one’s age, zero where none is out', async () => {
    const text = await start(fakeDataSource(answers).dataSource).metrics();
    const of = (name: string, target: string, state: string) =>
      sample(text, name, { target, state });
    expect(of('agent_bus_tasks_in_flight', 'cpu', 'running')).toBe(5);
    expect(of('agent_bus_tasks_in_flight', 'gpu', 'dispatched')).toBe(1);
    expect(of('agent_bus_tasks_in_flight', 'gpu', 'running')).toBe(0);
    expect(of('agent_bus_task_oldest_in_flight_seconds', 'gpu', 'dispatched')).toBe(1_900);
    expect(of('agent_bus_task_oldest_in_flight_seconds', 'cpu', 'dispatched')).toBe(0);
  });

  it('reports stuck projects by reason, with the grace the overdue count allows', async () => {
    const { dataSource, state } = fakeDataSource(answers);
    const text = await start(dataSource).metrics();
    expect(sample(text, 'agent_bus_projects_stuck', { reason: 'idle' })).toBe(1);
    expect(sample(text, 'agent_bus_projects_stuck', { reason: 'overdue' })).toBe(3);
    expect(state.params).toEqual([OVERDUE_GRACE_SECONDS]);
    expect(sample(text, 'agent_bus_projects_by_stage', { stage: 'architecture' })).toBe(2);
  });

  it('keeps the last values while the database is down', async () => {
    const { dataSource, state } = fakeDataSource(answers);
    const registry = start(dataSource);
    await registry.metrics();
    state.down = true;
    const text = await registry.metrics();
    expect(sample(text, 'agent_bus_projects_stuck', { reason: 'overdue' })).toBe(3);
    expect(sample(text, 'agent_bus_tasks_in_flight', { target: 'cpu', state: 'running' })).toBe(5);
  });
});
