import { type GpuPreference } from '@agentbus/contracts';
import {
  aSubmission,
  dispatchesOf,
  eventsOf,
  TEST_WORKFLOW,
  WorkflowSim,
} from '../../../test/support/workflow-sim';
import { WORKFLOW_V2, withTopology } from '../workflow-versions';

const V2 = withTopology(TEST_WORKFLOW, WORKFLOW_V2);
const YOLO = 'Train a YOLO detector on drone images to count cars in parking lots.';
const TODO = 'A todo app where a team shares lists, with due dates and email reminders.';
const UPSTREAM = ['prd', 'feature_tree', 'plan', 'architecture'] as const;

/** A v2 project with these requirements, gates off, driven through `architecture`. */
function submitted(requirements: string, gpu?: GpuPreference): WorkflowSim {
  const sim = new WorkflowSim(V2);
  const base = aSubmission({ gates: { prd_approval: false, delivery_approval: false } });
  sim.send({
    kind: 'submitted',
    project: { ...base, requirements, options: { ...base.options, gpu } },
  });
  return sim;
}

const routingOf = (sim: WorkflowSim) =>
  eventsOf(sim.last).find((event) => event.name === 'routing_decided');

const throughArchitecture = (sim: WorkflowSim): WorkflowSim => {
  for (const stage of UPSTREAM) sim.succeed(stage);
  return sim;
};

describe('routing on submit', () => {
  it('routes an ML project to the GPU: a routing.decided event, the decision kept on the project', () => {
    const sim = submitted(YOLO);
    const routing = routingOf(sim);
    expect(routing).toMatchObject({
      name: 'routing_decided',
      data: { target: 'gpu', estimate: { gpus: 1, memoryGi: expect.any(Number) } },
    });
    expect(routing?.name === 'routing_decided' && routing.data.score).toBeGreaterThanOrEqual(0.5);
    expect(routing?.name === 'routing_decided' && routing.data.signals.join(' ')).toMatch(/yolo/i);
    expect(sim.state.project.routing).toMatchObject({ target: 'gpu', runMlFeasibility: true });
    expect(sim.stage('ml_feasibility').state).toBe('pending');
  });

  it('dispatches ml_feasibility after architecture as a GPU task with the routed resources and its inputs', () => {
    const sim = throughArchitecture(submitted(YOLO));
    const tasks = dispatchesOf(sim.last);
    const gpu = tasks.find((task) => task.stage === 'ml_feasibility');
    expect(tasks.map((task) => task.stage).sort()).toEqual(['ml_feasibility', 'uiux']);
    expect(gpu).toMatchObject({
      target: 'gpu',
      attempt: 1,
      resources: { gpus: 1, gpuType: expect.any(String), gpuMemoryGi: expect.any(Number) },
    });
    expect(gpu?.inputs.map((input) => input.stage)).toEqual(['prd', 'architecture']);
  });

  it('holds development until ml_feasibility succeeds, then hands its artifact to development and qa', () => {
    const sim = throughArchitecture(submitted(YOLO));
    sim.succeed('uiux');
    expect(dispatchesOf(sim.last)).toEqual([]);
    sim.succeed('ml_feasibility');
    const [development] = dispatchesOf(sim.last);
    expect(development?.stage).toBe('development');
    expect(development?.inputs.map((input) => input.stage)).toContain('ml_feasibility');
    sim.succeed('development');
    const qa = dispatchesOf(sim.last).find((task) => task.stage === 'qa');
    expect(qa?.inputs.map((input) => input.stage)).toContain('ml_feasibility');
  });

  it('retries a retryable GPU failure within the attempts, then fails the project like a CPU stage', () => {
    const sim = throughArchitecture(submitted(YOLO));
    sim.fail('ml_feasibility', { code: 'gpu_unavailable', retryable: true });
    expect(sim.stage('ml_feasibility')).toMatchObject({ state: 'pending', failures: 1 });
    sim.tick(60_000);
    expect(sim.stage('ml_feasibility')).toMatchObject({ state: 'dispatched', attempt: 2 });
    sim.fail('ml_feasibility', { code: 'job_failed', message: 'OOMKilled', retryable: false });
    expect(sim.state.project).toMatchObject({ state: 'failed', failedStage: 'ml_feasibility' });
    expect(sim.state.project.failureCause).toMatch(/ml_feasibility attempt 2 failed.*OOMKilled/);
  });

  it('never dispatches a GPU task for a non-ML project and says why ml_feasibility is skipped', () => {
    const sim = submitted(TODO);
    expect(routingOf(sim)).toMatchObject({
      name: 'routing_decided',
      data: { target: 'cpu' },
    });
    expect(sim.state.project.routing?.reason).toMatch(/no ML work detected/);
    expect(sim.stage('ml_feasibility').state).toBe('skipped');
    const dispatched = sim.runToEnd().flat();
    expect(dispatched).not.toContain('ml_feasibility');
    expect(sim.state.project.state).toBe('completed');
  });

  it('skips ml_feasibility of an ML project when options.gpu is forbid, with the reason', () => {
    const sim = submitted(YOLO, 'forbid');
    expect(routingOf(sim)).toMatchObject({ data: { target: 'cpu' } });
    expect(sim.state.project.routing?.reason).toMatch(/ML work detected.*forbid/);
    expect(sim.runToEnd().flat()).not.toContain('ml_feasibility');
  });

  it('runs ml_feasibility of a non-ML project when options.gpu is force', () => {
    const sim = throughArchitecture(submitted(TODO, 'force'));
    expect(dispatchesOf(sim.last).map((task) => task.stage)).toContain('ml_feasibility');
  });

  it('keeps a routed-out stage skipped across a restart', () => {
    const sim = submitted(TODO);
    sim.runToEnd();
    sim.send({ kind: 'restart_requested', fromStage: 'architecture' });
    expect(sim.stage('ml_feasibility').state).toBe('skipped');
    expect(sim.runToEnd().flat()).not.toContain('ml_feasibility');
  });

  it('applies the configured threshold', () => {
    const strict = { ...V2, detector: { ...V2.detector, threshold: 0.99 } };
    const sim = new WorkflowSim(strict);
    sim.send({ kind: 'submitted', project: { ...aSubmission(), requirements: YOLO } });
    expect(sim.state.project.routing?.target).toBe('cpu');
  });
});
