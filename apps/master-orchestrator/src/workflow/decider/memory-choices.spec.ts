import { aSubmission, dispatchesOf, WorkflowSim } from '../../../test/support/workflow-sim';
import { envelopeOf } from '../workflow-messages';
import { onRestartRequested } from './on-command';

const TEMPLATE = 'template-rest-api';

/** A project past prd_approval, with the architecture stage done. */
function throughArchitecture(sim: WorkflowSim): WorkflowSim {
  sim.submit();
  sim.succeed('prd');
  sim.decideGate('approve');
  for (const stage of ['feature_tree', 'plan', 'architecture'] as const) sim.succeed(stage);
  return sim;
}

describe('memory choices on CPU tasks', () => {
  it('sends the template a project was submitted with on every CPU task', () => {
    const sim = new WorkflowSim();
    const first = sim.send({
      kind: 'submitted',
      project: { ...aSubmission(), templateId: TEMPLATE },
    });
    expect(dispatchesOf(first)).toEqual([
      expect.objectContaining({ stage: 'prd', memory: { templateId: TEMPLATE } }),
    ]);
    const later = dispatchesOf(sim.succeed('prd')).concat(dispatchesOf(sim.decideGate('approve')));
    expect(later.length).toBeGreaterThan(0);
    for (const task of later) expect(task.memory).toEqual({ templateId: TEMPLATE });
  });

  it('sends no memory choices for a project without a template or exclusions', () => {
    const sim = new WorkflowSim();
    const [task] = dispatchesOf(sim.submit());
    expect(task).toBeDefined();
    expect(task?.memory).toBeUndefined();
  });
});

describe(onRestartRequested.name, () => {
  it('records excluded patterns on the project and sends them on the restarted and later tasks', () => {
    const sim = throughArchitecture(new WorkflowSim());
    const restart = sim.send({
      kind: 'restart_requested',
      fromStage: 'architecture',
      excludePatterns: ['artifact-a', 'artifact-b'],
    });
    expect(sim.state.project.memory).toEqual({ excludePatternIds: ['artifact-a', 'artifact-b'] });
    expect(dispatchesOf(restart)).toEqual([
      expect.objectContaining({
        stage: 'architecture',
        memory: { excludePatternIds: ['artifact-a', 'artifact-b'] },
      }),
    ]);
    const next = dispatchesOf(sim.succeed('architecture'));
    expect(next.length).toBeGreaterThan(0);
    for (const task of next) {
      expect(task.memory).toEqual({ excludePatternIds: ['artifact-a', 'artifact-b'] });
    }
  });

  it('keeps earlier exclusions and the template when a later restart excludes more', () => {
    const sim = new WorkflowSim();
    sim.send({ kind: 'submitted', project: { ...aSubmission(), templateId: TEMPLATE } });
    sim.succeed('prd');
    sim.send({ kind: 'restart_requested', fromStage: 'prd', excludePatterns: ['artifact-a'] });
    sim.send({
      kind: 'restart_requested',
      fromStage: 'prd',
      excludePatterns: ['artifact-a', 'artifact-c'],
    });
    expect(sim.state.project.memory).toEqual({
      templateId: TEMPLATE,
      excludePatternIds: ['artifact-a', 'artifact-c'],
    });
  });

  it('puts the choices on the CPU task message, valid against its contract', () => {
    const sim = new WorkflowSim();
    const decision = sim.send({
      kind: 'submitted',
      project: { ...aSubmission(), templateId: TEMPLATE },
    });
    const effect = decision.effects.find((candidate) => candidate.kind === 'dispatch');
    if (effect === undefined) throw new Error('no dispatch');
    const envelope = envelopeOf(sim.workflow, effect, {
      id: '0193a000-0000-7000-8000-0000000000ff',
      projectId: sim.state.project.id,
      causationId: undefined,
      time: sim.now,
    });
    expect(envelope.data).toMatchObject({ stage: 'prd', memory: { templateId: TEMPLATE } });
  });
});
