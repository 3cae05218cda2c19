import { PROJECT_ID, WorkflowSim } from '../../../test/support/workflow-sim';
import { approvalIdFor } from './ids';
import { supersedeGates } from './supersede';

const RESTART_ID = '0193a000-0000-7000-8000-0000000000aa';
const BOTH_GATES = { gates: { prd_approval: true, delivery_approval: true } };

/** A project waiting at delivery_approval, prd_approval approved at attempt 1. */
function atDeliveryGate(): WorkflowSim {
  const sim = new WorkflowSim();
  sim.submit(BOTH_GATES);
  sim.succeed('prd');
  sim.decideGate('approve');
  for (let guard = 0; sim.state.project.state === 'running' && guard < 20; guard += 1) {
    for (const stage of sim.inFlight()) sim.succeed(stage);
  }
  expect(sim.openApproval()).toMatchObject({ gate: 'delivery_approval', attempt: 1 });
  return sim;
}

describe(supersedeGates.name, () => {
  it('supersedes the approval of a gate at the restart stage and asks again when it is reached', () => {
    const sim = new WorkflowSim();
    sim.submit();
    sim.succeed('prd');
    sim.decideGate('approve');
    sim.now = new Date(sim.now.getTime() + 60_000);
    sim.send({ kind: 'restart_requested', fromStage: 'prd', requestId: RESTART_ID });

    expect(sim.state.approvals).toEqual([
      expect.objectContaining({
        gate: 'prd_approval',
        attempt: 1,
        state: 'superseded',
        decision: 'approve',
        decidedBy: 'reviewer-1',
        supersededAt: sim.now,
        supersededBy: RESTART_ID,
      }),
    ]);
    expect(sim.stage('prd')).toMatchObject({ state: 'dispatched', attempt: 2 });
    sim.succeed('prd');
    expect(sim.openApproval()).toMatchObject({
      id: approvalIdFor(PROJECT_ID, 'prd_approval', 2),
      gate: 'prd_approval',
      attempt: 2,
    });
    expect(sim.state.project.state).toBe('waiting_approval');
  });

  it('supersedes an open request after the restart stage, and leaves gates before it', () => {
    const sim = atDeliveryGate();
    sim.send({ kind: 'restart_requested', fromStage: 'architecture', requestId: RESTART_ID });
    const states = sim.state.approvals.map(({ gate, attempt, state }) => [gate, attempt, state]);
    expect(states).toEqual([
      ['prd_approval', 1, 'approved'],
      ['delivery_approval', 1, 'superseded'],
    ]);
    expect(sim.stage('architecture')).toMatchObject({ state: 'dispatched', attempt: 2 });
    expect(sim.decideGate('approve', {}, sim.state.approvals[1]).ignored?.reason).toBe(
      'gate_not_open',
    );
  });

  it('keeps decisions that stopped or revised the project as they were', () => {
    const sim = new WorkflowSim();
    sim.submit();
    sim.succeed('prd');
    sim.decideGate('request_changes', { comment: 'shorter' });
    sim.succeed('prd');
    sim.decideGate('reject');
    sim.send({ kind: 'restart_requested', fromStage: 'prd', requestId: RESTART_ID });
    expect(sim.state.approvals.map((row) => row.state)).toEqual(['changes_requested', 'rejected']);
  });

  it('records no restart id when the input carries none', () => {
    const sim = new WorkflowSim();
    sim.submit();
    sim.succeed('prd');
    sim.send({ kind: 'restart_requested', fromStage: 'prd' });
    expect(sim.state.approvals[0]).toMatchObject({ state: 'superseded', supersededBy: null });
  });
});
