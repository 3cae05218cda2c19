import { type GateTimeouts, SYSTEM_ACTOR } from '@agentbus/contracts';
import { eventsOf, T0, TEST_WORKFLOW, WorkflowSim } from '../../../test/support/workflow-sim';
import { buildWorkflow } from '../workflow.dag';
import { type Decision, type WorkflowInput } from '../workflow.types';
import { onGateTimerDue } from './on-gate-timer';

const names = (decisions: readonly Decision[]) =>
  decisions.flatMap((decision) => eventsOf(decision).map((event) => event.name));

/** A project waiting at its PRD gate, which opened at T0 + 0 (prd succeeded at once). */
function atPrdGate(gateTimeouts: GateTimeouts, workflow = TEST_WORKFLOW): WorkflowSim {
  const sim = new WorkflowSim(workflow);
  sim.submit({ gateTimeouts });
  sim.succeed('prd');
  return sim;
}

const remindEvery10s: GateTimeouts = {
  prd_approval: { afterSeconds: 10, action: 'remind', maxReminders: 2 },
};

describe(onGateTimerDue.name, () => {
  describe('arming', () => {
    it.each([
      {
        case: 'the project option',
        options: { prd_approval: { afterSeconds: 30, action: 'approve' } },
        fallback: null,
        timeout: { afterSeconds: 30, action: 'approve', maxReminders: null },
      },
      {
        case: 'the config default when the project leaves the gate out',
        options: {},
        fallback: { afterSeconds: 60, action: 'remind' },
        timeout: { afterSeconds: 60, action: 'remind', maxReminders: 4 },
      },
      {
        case: 'nothing when the project sets null over a config default',
        options: { prd_approval: null },
        fallback: { afterSeconds: 60, action: 'reject' },
        timeout: null,
      },
      {
        case: 'nothing without option or default',
        options: {},
        fallback: null,
        timeout: null,
      },
    ] as const)('arms a gate from $case', ({ options, fallback, timeout }) => {
      const workflow = buildWorkflow({ gateTimeouts: { fallback, maxReminders: 4 } });
      const sim = atPrdGate(options, workflow);
      const approval = sim.openApproval('prd_approval');
      expect(approval.timeout).toEqual(timeout);
      const deadline =
        timeout === null ? null : new Date(T0.getTime() + timeout.afterSeconds * 1e3);
      expect(approval.deadlineAt).toEqual(deadline);
      expect(approval).toMatchObject({ remindersSent: 0, decidedByTimeout: false });
    });

    it('never arms the budget gate (approving it would raise the budget)', () => {
      const workflow = buildWorkflow({
        estimate: TEST_WORKFLOW.estimate,
        gateTimeouts: { fallback: { afterSeconds: 5, action: 'approve' }, maxReminders: 3 },
      });
      const sim = new WorkflowSim(workflow);
      sim.submit({
        gates: { prd_approval: false, delivery_approval: false },
        budget: { maxTokens: 1 },
      });
      const approval = sim.openApproval('budget_exceeded');
      expect(approval).toMatchObject({ timeout: null, deadlineAt: null });
    });
  });

  describe('default actions', () => {
    it('does nothing before the deadline', () => {
      const sim = atPrdGate({ prd_approval: { afterSeconds: 30, action: 'approve' } });
      expect(sim.tick(29_999)).toEqual([]);
      expect(sim.openApproval('prd_approval').state).toBe('open');
    });

    it('approve: decides as the system actor and the workflow proceeds', () => {
      const sim = atPrdGate({ prd_approval: { afterSeconds: 30, action: 'approve' } });
      const decisions = sim.tick(30_000);
      expect(names(decisions)).toEqual(['approval_timed_out', 'stage_dispatched']);
      expect(eventsOf(decisions[0] as Decision)[0]?.data).toMatchObject({
        gate: 'prd_approval',
        action: 'approve',
        afterSeconds: 30,
        openedAt: T0.toISOString(),
      });
      expect(sim.state.approvals[0]).toMatchObject({
        state: 'approved',
        decision: 'approve',
        decidedBy: SYSTEM_ACTOR,
        decidedByTimeout: true,
        deadlineAt: null,
        comment: 'no decision within 30 s: default action approve',
      });
      expect(sim.state.project.state).toBe('running');
      expect(sim.stage('feature_tree').state).toBe('dispatched');
    });

    it('reject: fails the project as a reviewer rejection would', () => {
      const sim = atPrdGate({ prd_approval: { afterSeconds: 30, action: 'reject' } });
      const decisions = sim.tick(30_000);
      expect(names(decisions)).toEqual(['approval_timed_out', 'project_failed']);
      expect(sim.state.project).toMatchObject({
        state: 'failed',
        failedStage: 'prd',
        failureCause: `prd_approval rejected by ${SYSTEM_ACTOR}: no decision within 30 s: default action reject`,
      });
      expect(sim.state.approvals[0]).toMatchObject({ state: 'rejected', decidedByTimeout: true });
    });

    it('remind: reminds once per interval up to the bound, keeps waiting, then a human approves', () => {
      const sim = atPrdGate(remindEvery10s);
      const first = sim.tick(10_000);
      expect(names(first)).toEqual(['approval_reminded']);
      expect(eventsOf(first[0] as Decision)[0]?.data).toMatchObject({
        reminder: 1,
        maxReminders: 2,
        nextReminderAt: new Date(T0.getTime() + 20_000).toISOString(),
      });
      const second = sim.tick(10_000);
      expect(eventsOf(second[0] as Decision)[0]?.data).toMatchObject({ reminder: 2 });
      expect(eventsOf(second[0] as Decision)[0]?.data).not.toHaveProperty('nextReminderAt');
      expect(sim.openApproval('prd_approval')).toMatchObject({
        remindersSent: 2,
        deadlineAt: null,
      });
      expect(sim.tick(3_600_000)).toEqual([]);
      expect(sim.state.project.state).toBe('waiting_approval');

      sim.decideGate('approve');
      expect(sim.state.approvals[0]).toMatchObject({
        state: 'approved',
        decidedBy: 'reviewer-1',
        decidedByTimeout: false,
      });
      expect(sim.stage('feature_tree').state).toBe('dispatched');
    });

    it('remind: the next reminder counts from the firing, so a late scheduler sends one, not a backlog', () => {
      const sim = atPrdGate(remindEvery10s);
      expect(names(sim.tick(95_000))).toEqual(['approval_reminded']);
      expect(sim.openApproval('prd_approval').deadlineAt).toEqual(new Date(T0.getTime() + 105_000));
    });

    it('re-arms a fresh timeout when the gate reopens after request_changes', () => {
      const sim = atPrdGate({ prd_approval: { afterSeconds: 30, action: 'approve' } });
      sim.now = new Date(T0.getTime() + 5_000);
      sim.decideGate('request_changes', { comment: 'more detail' });
      sim.succeed('prd');
      const reopened = sim.openApproval('prd_approval');
      expect(reopened).toMatchObject({ attempt: 2, remindersSent: 0 });
      expect(reopened.deadlineAt).toEqual(new Date(T0.getTime() + 35_000));
    });
  });

  describe('exactly one of a reviewer and the timer wins', () => {
    const firing = (sim: WorkflowSim): WorkflowInput => {
      const approval = sim.openApproval('prd_approval');
      return {
        kind: 'gate_timer_due',
        approvalId: approval.id,
        gate: approval.gate,
        attempt: approval.attempt,
        firing: approval.remindersSent,
      };
    };

    it('a reviewer first: the timer finds the gate decided and changes nothing', () => {
      const sim = atPrdGate({ prd_approval: { afterSeconds: 30, action: 'reject' } });
      const timer = firing(sim);
      sim.decideGate('approve');
      sim.now = new Date(T0.getTime() + 30_000);
      const late = sim.send(timer);
      expect(late).toMatchObject({ changes: [], effects: [], ignored: { reason: 'not_due' } });
      expect(sim.state.project.state).toBe('running');
      expect(sim.tick(1_000)).toEqual([]);
    });

    it('the timer first: the reviewer decision finds the gate closed (409 at the gateway)', () => {
      const sim = atPrdGate({ prd_approval: { afterSeconds: 30, action: 'approve' } });
      const approval = sim.openApproval('prd_approval');
      sim.tick(30_000);
      const late = sim.decideGate('reject', {}, approval);
      expect(late).toMatchObject({
        changes: [],
        effects: [],
        ignored: { reason: 'gate_not_open' },
      });
      expect(sim.state.approvals[0]).toMatchObject({ state: 'approved', decidedBy: SYSTEM_ACTOR });
    });

    it('a firing replayed (a second replica, a redelivered tick) applies nothing twice', () => {
      const sim = atPrdGate(remindEvery10s);
      const timer = firing(sim);
      sim.now = new Date(T0.getTime() + 10_000);
      expect(names([sim.send(timer)])).toEqual(['approval_reminded']);
      expect(sim.send(timer)).toMatchObject({ changes: [], ignored: { reason: 'not_due' } });
      expect(sim.openApproval('prd_approval').remindersSent).toBe(1);
    });

    it('a firing before its deadline is not due', () => {
      const sim = atPrdGate({ prd_approval: { afterSeconds: 30, action: 'approve' } });
      sim.now = new Date(T0.getTime() + 29_000);
      expect(sim.send(firing(sim))).toMatchObject({ changes: [], ignored: { reason: 'not_due' } });
    });

    it('a cancelled project closes the gate and its timer with it', () => {
      const sim = atPrdGate({ prd_approval: { afterSeconds: 30, action: 'approve' } });
      sim.send({ kind: 'cancel_requested', reason: 'no longer needed' });
      expect(sim.tick(60_000)).toEqual([]);
      expect(sim.state.project.state).toBe('cancelled');
    });
  });
});
