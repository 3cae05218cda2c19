import { type StageId } from '@agentbus/contracts';
import {
  aSubmission,
  anArtifact,
  aUsage,
  cancelsOf,
  dispatchesOf,
  eventsOf,
  PROJECT_ID,
  T0,
  TEST_WORKFLOW,
  WorkflowSim,
} from '../../test/support/workflow-sim';
import { taskIdFor } from './decider/ids';
import { type Decision } from './workflow.types';
import { decide } from './workflow.decider';

const PARALLEL: StageId[] = ['qa', 'security', 'documentation', 'support'];
const stagesOf = (sim: WorkflowSim, decision = sim.last) =>
  dispatchesOf(decision).map((task) => task.stage);

/** A project driven to the point where the four parallel stages are in flight. */
const atParallelStages = (options: Parameters<WorkflowSim['submit']>[0] = {}): WorkflowSim => {
  const sim = new WorkflowSim();
  sim.submit({ gates: { prd_approval: false, delivery_approval: false }, ...options });
  for (const stage of ['prd', 'feature_tree', 'plan', 'architecture', 'uiux'] as const) {
    sim.succeed(stage);
  }
  sim.succeed('development');
  return sim;
};

describe(decide.name, () => {
  describe('submission', () => {
    it('creates the project, skips ml_feasibility and dispatches prd with no inputs', () => {
      const sim = new WorkflowSim();
      const decision = sim.submit();
      expect(sim.state.project).toMatchObject({ id: PROJECT_ID, state: 'running', version: 0 });
      expect(sim.stage('ml_feasibility').state).toBe('skipped');
      expect(sim.stage('prd')).toMatchObject({ state: 'dispatched', attempt: 1 });
      expect(eventsOf(decision).map((event) => event.name)).toEqual([
        'project_started',
        'routing_decided',
        'stage_dispatched',
      ]);
      expect(dispatchesOf(decision)).toEqual([
        {
          taskId: taskIdFor(PROJECT_ID, 'prd', 1),
          stage: 'prd',
          attempt: 1,
          target: 'cpu',
          inputs: [],
          deadlineAt: new Date(T0.getTime() + 60_000),
          revision: null,
        },
      ]);
    });

    it('treats a second submission of the same id as a duplicate', () => {
      const sim = new WorkflowSim();
      sim.submit();
      const again = sim.submit();
      expect(again).toEqual({
        changes: [],
        effects: [],
        ignored: { reason: 'duplicate_submission', detail: expect.any(String) },
      });
    });

    it('ignores results and commands for a project it does not know', () => {
      const decision = decide(undefined, { kind: 'cancel_requested' }, T0, TEST_WORKFLOW);
      expect(decision.ignored?.reason).toBe('unknown_project');
      expect(decision.changes).toEqual([]);
    });

    it('is pure: the same snapshot, input and time give the same decision', () => {
      const input = { kind: 'submitted', project: aSubmission() } as const;
      expect(decide(undefined, input, T0, TEST_WORKFLOW)).toEqual(
        decide(undefined, input, T0, TEST_WORKFLOW),
      );
    });
  });

  describe('happy path', () => {
    it('runs the DAG in order, the four parallel stages together, and completes after delivery', () => {
      const sim = new WorkflowSim();
      sim.submit();
      sim.succeed('prd');
      expect(sim.openApproval()).toMatchObject({ gate: 'prd_approval', attempt: 1, stage: 'prd' });
      expect(sim.state.project.state).toBe('waiting_approval');
      const rounds = sim.runToEnd();
      expect(rounds).toEqual([
        ['feature_tree'],
        ['plan'],
        ['architecture'],
        ['uiux'],
        ['development'],
        PARALLEL,
        ['pm_review'],
        ['delivery'],
      ]);
      expect(sim.state.project).toMatchObject({ state: 'completed', completedAt: sim.now });
      const completed = eventsOf(sim.last).find((event) => event.name === 'project_completed');
      expect(completed?.data).toEqual({
        artifactIds: expect.arrayContaining([anArtifact('prd', 1).id]),
        totalTokens: 12 * 600,
        totalCostUsd: 0.072,
      });
      expect(sim.state.project).toMatchObject({ tokensReserved: 0, costReservedUsd: 0 });
    });

    it('dispatches the four parallel stages in one decision and pm_review only after all four', () => {
      const sim = atParallelStages();
      expect(stagesOf(sim)).toEqual(PARALLEL);
      for (const stage of ['qa', 'security', 'documentation'] as const) {
        expect(stagesOf(sim, sim.succeed(stage))).toEqual([]);
      }
      expect(stagesOf(sim, sim.succeed('support'))).toEqual(['pm_review']);
    });

    it('gives each task the artifacts its agent declares, no more, and emits stage_completed', () => {
      const sim = atParallelStages();
      const inputsOf = (stage: StageId) =>
        dispatchesOf(sim.last)
          .find((task) => task.stage === stage)
          ?.inputs.map((input) => input.stage);
      // ml_feasibility is optional for qa and skipped here, so it has no artifact to send.
      expect(inputsOf('qa')).toEqual(['prd', 'architecture', 'uiux', 'development']);
      expect(inputsOf('security')).toEqual(['prd', 'architecture', 'development']);
      const qa = dispatchesOf(sim.last).find((task) => task.stage === 'qa');
      expect(qa?.inputs[0]).toEqual({ stage: 'prd', artifact: anArtifact('prd', 1) });
      sim.now = new Date(sim.now.getTime() + 1_500);
      expect(eventsOf(sim.succeed('qa'))).toContainEqual({
        name: 'stage_completed',
        data: { stage: 'qa', attempt: 1, artifact: anArtifact('qa', 1), durationMs: 1_500 },
      });
    });
  });

  describe('gates as a per-project option', () => {
    it.each([
      { prd_approval: false, delivery_approval: false, gates: [] },
      { prd_approval: true, delivery_approval: false, gates: ['prd_approval'] },
      { prd_approval: false, delivery_approval: true, gates: ['delivery_approval'] },
      { prd_approval: true, delivery_approval: true, gates: ['prd_approval', 'delivery_approval'] },
    ])('prd=$prd_approval delivery=$delivery_approval asks $gates', ({ gates, ...options }) => {
      const sim = new WorkflowSim();
      sim.submit({ gates: options });
      sim.runToEnd();
      expect(sim.state.project.state).toBe('completed');
      expect(sim.state.approvals.map((approval) => approval.gate)).toEqual(gates);
    });

    it('asks delivery_approval after pm_review and before delivery', () => {
      const sim = atParallelStages({ gates: { prd_approval: false, delivery_approval: true } });
      for (const stage of PARALLEL) sim.succeed(stage);
      const afterReview = sim.succeed('pm_review');
      expect(stagesOf(sim, afterReview)).toEqual([]);
      expect(eventsOf(afterReview).at(-1)).toMatchObject({
        name: 'approval_requested',
        data: { gate: 'delivery_approval', attempt: 1, stage: 'pm_review' },
      });
      expect(stagesOf(sim, sim.decideGate('approve'))).toEqual(['delivery']);
    });
  });

  describe('fencing', () => {
    const staleCases: {
      name: string;
      input: (sim: WorkflowSim) => Parameters<WorkflowSim['send']>[0];
    }[] = [
      {
        name: 'an older attempt',
        input: () => ({
          kind: 'task_succeeded',
          taskId: taskIdFor(PROJECT_ID, 'plan', 1),
          stage: 'plan',
          attempt: 1,
          artifact: anArtifact('plan', 1),
          usage: aUsage(),
        }),
      },
      {
        name: 'the right attempt with another task id',
        input: (sim) => ({
          kind: 'task_failed',
          taskId: taskIdFor(PROJECT_ID, 'feature_tree', 1),
          stage: 'plan',
          attempt: sim.stage('plan').attempt,
          error: { code: 'x', message: 'y', retryable: false },
        }),
      },
      {
        name: 'a stage that already succeeded',
        input: () => ({
          kind: 'task_succeeded',
          taskId: taskIdFor(PROJECT_ID, 'prd', 1),
          stage: 'prd',
          attempt: 1,
          artifact: anArtifact('prd', 1),
        }),
      },
    ];

    it.each(staleCases)('records a result for $name as stale and changes no state', ({ input }) => {
      const sim = new WorkflowSim();
      sim.submit({ gates: { prd_approval: false, delivery_approval: false } });
      sim.succeed('prd');
      sim.succeed('feature_tree');
      sim.fail('plan');
      sim.tick(1_000);
      expect(sim.stage('plan')).toMatchObject({ state: 'dispatched', attempt: 2 });
      const before = sim.state;
      const decision = sim.send(input(sim));
      expect(decision.ignored?.reason).toBe('stale_result');
      expect(decision.effects).toEqual([]);
      expect(sim.state.stages).toEqual(before.stages);
      expect(sim.state.project.state).toBe(before.project.state);
    });

    it('still counts what a late task spent, once', () => {
      const sim = new WorkflowSim();
      sim.submit({ gates: { prd_approval: false, delivery_approval: false } });
      sim.tick(60_000); // prd attempt 1 times out
      const late = {
        kind: 'task_succeeded',
        taskId: taskIdFor(PROJECT_ID, 'prd', 1),
        stage: 'prd',
        attempt: 1,
        artifact: anArtifact('prd', 1),
        usage: aUsage(800, 0.008),
      } as const;
      expect(sim.send(late).ignored?.reason).toBe('stale_result');
      sim.send(late);
      expect(sim.state.project).toMatchObject({ tokensUsed: 800, costUsd: 0.008 });
      expect(sim.state.tasks[0]).toMatchObject({ state: 'timed_out', inputTokens: 400 });
    });

    it('ignores results for a cancelled project', () => {
      const sim = new WorkflowSim();
      sim.submit();
      sim.send({ kind: 'cancel_requested' });
      const decision = sim.succeed('prd');
      expect(decision.ignored).toEqual({ reason: 'stale_result', detail: 'project is cancelled' });
      expect(sim.stage('prd').state).toBe('cancelled');
    });
  });

  describe('a running stage (its worker reported the task started)', () => {
    const retried = (): WorkflowSim => {
      const sim = new WorkflowSim();
      sim.submit({ gates: { prd_approval: false, delivery_approval: false } });
      sim.fail('prd');
      sim.tick(1_000);
      return sim; // prd is dispatched at attempt 2
    };
    const cases: { name: string; act: (sim: WorkflowSim) => Decision | Decision[] }[] = [
      { name: 'a success', act: (sim) => sim.succeed('prd') },
      { name: 'a retryable failure', act: (sim) => sim.fail('prd') },
      { name: 'a permanent failure', act: (sim) => sim.fail('prd', { retryable: false }) },
      { name: 'its deadline', act: (sim) => sim.tick(60_000) },
      { name: 'a cancel', act: (sim) => sim.send({ kind: 'cancel_requested' }) },
      {
        name: 'a restart',
        act: (sim) => sim.send({ kind: 'restart_requested', fromStage: 'prd' }),
      },
      {
        name: 'a result of the previous attempt',
        act: (sim) =>
          sim.send({
            kind: 'task_succeeded',
            taskId: taskIdFor(PROJECT_ID, 'prd', 1),
            stage: 'prd',
            attempt: 1,
            artifact: anArtifact('prd', 1),
          }),
      },
    ];

    it.each(cases)('decides $name exactly as for a dispatched stage', ({ act }) => {
      const dispatched = retried();
      const running = retried();
      running.markRunning('prd');
      expect(running.stage('prd')).toMatchObject({ state: 'running', attempt: 2 });
      // The detail of an ignored input names the state; the reason must be the same.
      const decided = (sim: WorkflowSim) =>
        [act(sim)].flat().map((decision) => ({ ...decision, ignored: decision.ignored?.reason }));
      expect(decided(running)).toEqual(decided(dispatched));
      const stateOf = (sim: WorkflowSim) => ({
        ...sim.state,
        stages: sim.state.stages.map((row) => ({
          ...row,
          state: row.state === 'running' ? 'dispatched' : row.state,
        })),
      });
      expect(stateOf(running)).toEqual(stateOf(dispatched));
    });

    it('is due for its deadline like a dispatched stage', () => {
      const sim = retried();
      sim.markRunning('prd');
      const [timedOut] = sim.tick(60_000);
      expect(cancelsOf(timedOut ?? { changes: [], effects: [] })).toEqual([
        { kind: 'cancel', taskId: taskIdFor(PROJECT_ID, 'prd', 2), target: 'cpu' },
      ]);
      expect(sim.stage('prd')).toMatchObject({ state: 'pending', attempt: 2, deadlineAt: null });
    });

    it('keeps running when a stale result arrives', () => {
      const sim = retried();
      sim.markRunning('prd');
      const decision = cases[cases.length - 1]?.act(sim) as Decision;
      expect(decision.ignored?.reason).toBe('stale_result');
      expect(sim.stage('prd').state).toBe('running');
    });
  });

  describe('retries', () => {
    it('retries a retryable failure after an exponential, jittered delay, then succeeds', () => {
      const sim = new WorkflowSim();
      sim.submit({ gates: { prd_approval: false, delivery_approval: false } });
      const failed = sim.fail('prd');
      const retryAt = sim.stage('prd').nextAttemptAt?.getTime() ?? 0;
      expect(retryAt - T0.getTime()).toBeGreaterThanOrEqual(500);
      expect(retryAt - T0.getTime()).toBeLessThanOrEqual(1_000);
      expect(eventsOf(failed)).toEqual([
        {
          name: 'stage_failed',
          data: {
            stage: 'prd',
            attempt: 1,
            error: { code: 'llm_error', message: 'boom', retryable: true },
            willRetry: true,
            nextAttemptAt: new Date(retryAt).toISOString(),
          },
        },
      ]);
      expect(sim.stage('prd')).toMatchObject({ state: 'pending', failures: 1 });
      expect(sim.tick(100)).toEqual([]); // not due yet

      const [retry] = sim.tick(1_000);
      expect(stagesOf(sim, retry)).toEqual(['prd']);
      expect(sim.stage('prd')).toMatchObject({ state: 'dispatched', attempt: 2, failures: 1 });

      sim.fail('prd');
      const secondDelay = (sim.stage('prd').nextAttemptAt?.getTime() ?? 0) - sim.now.getTime();
      expect(secondDelay).toBeGreaterThanOrEqual(1_000);
      expect(secondDelay).toBeLessThanOrEqual(2_000);
      sim.tick(2_000);
      expect(stagesOf(sim, sim.succeed('prd'))).toEqual(['feature_tree']);
      expect(sim.state.tasks.map((task) => [task.attempt, task.state])).toEqual([
        [1, 'failed'],
        [2, 'failed'],
        [3, 'succeeded'],
        [1, 'dispatched'],
      ]);
    });

    it.each([
      {
        name: 'after the last attempt',
        retryable: true,
        failuresBeforeEnd: 3,
        why: 'no attempts left after 3',
      },
      {
        name: 'at once when not retryable',
        retryable: false,
        failuresBeforeEnd: 1,
        why: 'not retryable',
      },
    ])('fails the project with its cause $name', ({ retryable, failuresBeforeEnd, why }) => {
      const sim = new WorkflowSim();
      sim.submit({ gates: { prd_approval: false, delivery_approval: false } });
      for (let failure = 1; failure <= failuresBeforeEnd; failure += 1) {
        sim.fail('prd', { retryable, code: 'bad_output', message: 'schema mismatch' });
        sim.tick(10_000);
      }
      expect(sim.state.project).toMatchObject({
        state: 'failed',
        failedStage: 'prd',
        failureCause: `prd attempt ${failuresBeforeEnd} failed (${why}): bad_output: schema mismatch`,
      });
      expect(sim.stage('prd')).toMatchObject({ state: 'failed', failures: failuresBeforeEnd });
      expect(eventsOf(sim.last).map((event) => event.name)).toEqual([
        'stage_failed',
        'project_failed',
      ]);
    });

    it('cancels the parallel siblings when one of them fails for good', () => {
      const sim = atParallelStages();
      const decision = sim.fail('security', { retryable: false });
      expect(cancelsOf(decision).map((cancel) => cancel.taskId)).toEqual(
        ['qa', 'documentation', 'support'].map((stage) =>
          taskIdFor(PROJECT_ID, stage as StageId, 1),
        ),
      );
      expect(eventsOf(decision).map((event) => event.name)).toEqual([
        'stage_failed',
        'project_failed',
      ]);
      expect(sim.state.project.tokensReserved).toBe(0);
    });

    it('fails an attempt that outlived its deadline, cancels it and retries', () => {
      const sim = new WorkflowSim();
      sim.submit({ gates: { prd_approval: false, delivery_approval: false } });
      expect(sim.tick(59_999)).toEqual([]);
      sim.tick(1);
      const timedOut = sim.last;
      expect(cancelsOf(timedOut)).toEqual([
        { kind: 'cancel', taskId: taskIdFor(PROJECT_ID, 'prd', 1), target: 'cpu' },
      ]);
      expect(eventsOf(timedOut)[0]).toMatchObject({
        name: 'stage_failed',
        data: { error: { code: 'timeout', retryable: true }, willRetry: true },
      });
      expect(sim.state.tasks[0]?.state).toBe('timed_out');
      sim.tick(1_000);
      expect(sim.stage('prd')).toMatchObject({ state: 'dispatched', attempt: 2 });
      expect(stagesOf(sim, sim.succeed('prd'))).toEqual(['feature_tree']);
    });
  });

  describe('gate decisions', () => {
    const atPrdGate = (): WorkflowSim => {
      const sim = new WorkflowSim();
      sim.submit();
      sim.succeed('prd');
      return sim;
    };

    it('approve continues with the next stage', () => {
      const sim = atPrdGate();
      const decision = sim.decideGate('approve', { comment: 'lgtm' });
      expect(stagesOf(sim, decision)).toEqual(['feature_tree']);
      expect(sim.state.project.state).toBe('running');
      expect(sim.state.approvals[0]).toMatchObject({
        state: 'approved',
        decision: 'approve',
        comment: 'lgtm',
        decidedBy: 'reviewer-1',
        decidedAt: sim.now,
      });
    });

    it('reject fails the project with the reviewer reason', () => {
      const sim = atPrdGate();
      const decision = sim.decideGate('reject', { comment: 'wrong product' });
      expect(sim.state.project).toMatchObject({
        state: 'failed',
        failedStage: 'prd',
        failureCause: 'prd_approval rejected by reviewer-1: wrong product',
      });
      expect(eventsOf(decision).map((event) => event.name)).toEqual(['project_failed']);
    });

    it('request_changes re-runs the stage as a revision, then asks again with attempt 2', () => {
      const sim = atPrdGate();
      const decision = sim.decideGate('request_changes', { comment: 'add offline mode' });
      expect(dispatchesOf(decision)).toEqual([
        expect.objectContaining({
          stage: 'prd',
          attempt: 2,
          revision: { comment: 'add offline mode', previous: anArtifact('prd', 1) },
        }),
      ]);
      expect(sim.state.approvals[0]?.state).toBe('changes_requested');
      const revised = sim.succeed('prd');
      expect(eventsOf(revised).at(-1)).toMatchObject({
        name: 'approval_requested',
        data: { gate: 'prd_approval', attempt: 2, stage: 'prd' },
      });
      expect(stagesOf(sim, sim.decideGate('approve'))).toEqual(['feature_tree']);
      expect(dispatchesOf(sim.last)[0]?.inputs).toEqual([
        { stage: 'prd', artifact: anArtifact('prd', 2) },
      ]);
    });

    it.each([
      {
        name: 'a gate decided before',
        tamper: (sim: WorkflowSim) => {
          const approval = sim.openApproval();
          sim.decideGate('approve');
          return approval;
        },
      },
      {
        name: 'another attempt of the open gate',
        tamper: (sim: WorkflowSim) => ({ ...sim.openApproval(), attempt: 2 }),
      },
      {
        name: 'another approval id',
        tamper: (sim: WorkflowSim) => ({ ...sim.openApproval(), id: PROJECT_ID }),
      },
      {
        name: 'a gate of a cancelled project',
        tamper: (sim: WorkflowSim) => {
          const approval = sim.openApproval();
          sim.send({ kind: 'cancel_requested' });
          return approval;
        },
      },
    ])('records a decision on $name and does nothing else', ({ tamper }) => {
      const sim = atPrdGate();
      const approval = tamper(sim);
      const before = sim.state;
      const decision = sim.decideGate('reject', {}, approval);
      expect(decision).toEqual({
        changes: [],
        effects: [],
        ignored: { reason: 'gate_not_open', detail: expect.any(String) },
      });
      expect(sim.state).toBe(before);
    });
  });

  describe('cancel', () => {
    it('cancels in-flight tasks and pending stages, closes gates and emits project_cancelled', () => {
      const sim = atParallelStages();
      const decision = sim.send({ kind: 'cancel_requested', reason: 'not needed' });
      expect(cancelsOf(decision)).toHaveLength(4);
      expect(eventsOf(decision)).toEqual([
        { name: 'project_cancelled', data: { reason: 'not needed' } },
      ]);
      expect(sim.state.project.state).toBe('cancelled');
      const states = Object.fromEntries(sim.state.stages.map((row) => [row.stage, row.state]));
      expect(states).toMatchObject({
        development: 'succeeded',
        qa: 'cancelled',
        pm_review: 'cancelled',
        delivery: 'cancelled',
        ml_feasibility: 'skipped',
      });
      expect(sim.state.tasks.filter((task) => task.state === 'cancelled')).toHaveLength(4);
      expect(sim.send({ kind: 'cancel_requested' }).ignored?.reason).toBe('project_finished');
    });

    it('closes an open gate so a late decision is refused', () => {
      const sim = new WorkflowSim();
      sim.submit();
      sim.succeed('prd');
      const approval = sim.openApproval();
      sim.send({ kind: 'cancel_requested' });
      expect(sim.state.approvals[0]?.state).toBe('closed');
      expect(sim.decideGate('approve', {}, approval).ignored?.reason).toBe('gate_not_open');
    });
  });

  describe('restart', () => {
    it('re-runs architecture and downstream with growing attempts, keeping upstream artifacts', () => {
      const sim = new WorkflowSim();
      sim.submit({ gates: { prd_approval: false, delivery_approval: false } });
      sim.runToEnd();
      const upstream = ['prd', 'feature_tree', 'plan'].map((stage) => sim.stage(stage as StageId));
      const decision = sim.send({ kind: 'restart_requested', fromStage: 'architecture' });
      expect(eventsOf(decision).map((event) => event.name)).toEqual([
        'project_started',
        'stage_dispatched',
      ]);
      expect(dispatchesOf(decision)).toEqual([
        expect.objectContaining({
          stage: 'architecture',
          attempt: 2,
          inputs: ['prd', 'feature_tree', 'plan'].map((stage) => ({
            stage,
            artifact: anArtifact(stage as StageId, 1),
          })),
        }),
      ]);
      expect(upstream).toEqual(
        ['prd', 'feature_tree', 'plan'].map((stage) => sim.stage(stage as StageId)),
      );
      for (const stage of ['uiux', 'development', 'qa', 'pm_review', 'delivery'] as const) {
        expect(sim.stage(stage)).toMatchObject({ state: 'pending', attempt: 1, artifact: null });
      }
      expect(sim.state.project).toMatchObject({ state: 'running', completedAt: null });
      sim.runToEnd();
      expect(sim.state.project.state).toBe('completed');
      expect(sim.stage('delivery').attempt).toBe(2);
    });

    it('cancels in-flight downstream tasks, whose late results are then stale', () => {
      const sim = atParallelStages();
      const decision = sim.send({ kind: 'restart_requested', fromStage: 'architecture' });
      expect(cancelsOf(decision).map((cancel) => cancel.taskId)).toEqual(
        PARALLEL.map((stage) => taskIdFor(PROJECT_ID, stage, 1)),
      );
      expect(stagesOf(sim, decision)).toEqual(['architecture']);
      expect(sim.state.project.tokensReserved).toBe(1_000);
      const late = {
        kind: 'task_succeeded',
        taskId: taskIdFor(PROJECT_ID, 'qa', 1),
        stage: 'qa',
        attempt: 1,
        artifact: anArtifact('qa', 1),
      } as const;
      expect(sim.send(late).ignored?.reason).toBe('stale_result');
    });

    it('asks a rejected gate again instead of running past it', () => {
      const sim = new WorkflowSim();
      sim.submit();
      sim.succeed('prd');
      sim.decideGate('reject');
      const decision = sim.send({ kind: 'restart_requested', fromStage: 'feature_tree' });
      expect(stagesOf(sim, decision)).toEqual([]);
      expect(sim.openApproval()).toMatchObject({ gate: 'prd_approval', attempt: 2 });
      expect(sim.state.project).toMatchObject({ state: 'waiting_approval', failureCause: null });
    });

    it('refuses to restart from a stage that is skipped in every project', () => {
      const sim = new WorkflowSim();
      sim.submit();
      const decision = sim.send({ kind: 'restart_requested', fromStage: 'ml_feasibility' });
      expect(decision.ignored?.reason).toBe('stage_not_in_workflow');
    });
  });

  describe('budgets', () => {
    // Each task reserves 1 000 tokens and spends 600 (see TEST_WORKFLOW and aUsage).
    const budgeted = (maxTokens: number): WorkflowSim => {
      const sim = new WorkflowSim();
      sim.submit({
        gates: { prd_approval: false, delivery_approval: false },
        budget: { maxTokens },
      });
      return sim;
    };

    it('reserves before dispatch and settles the reservation with the real usage', () => {
      const sim = budgeted(100_000);
      expect(sim.state.project).toMatchObject({ tokensReserved: 1_000, costReservedUsd: 0.01 });
      sim.succeed('prd');
      expect(sim.state.project).toMatchObject({ tokensUsed: 600, tokensReserved: 1_000 });
      expect(sim.state.tasks[0]).toMatchObject({
        inputTokens: 300,
        outputTokens: 300,
        costUsd: 0.006,
      });
    });

    it('pauses at budget_exceeded instead of dispatching a task that would not fit', () => {
      const sim = budgeted(2_000); // prd (600) + feature_tree reservation (1 000) fit, plan does not
      sim.succeed('prd');
      const decision = sim.succeed('feature_tree');
      expect(stagesOf(sim, decision)).toEqual([]);
      expect(sim.state.project.state).toBe('waiting_approval');
      expect(sim.openApproval()).toMatchObject({ gate: 'budget_exceeded', stage: 'plan' });
      expect(eventsOf(decision).at(-1)?.data).toMatchObject({
        gate: 'budget_exceeded',
        reason: expect.stringContaining('exceeds the budget of 2000'),
      });
    });

    it.each([
      { raise: { maxTokens: 50_000 }, limit: 50_000 },
      { raise: undefined, limit: 2_200 }, // just enough for what is ready: 1 200 used + 1 000
    ])('approve with raise $raise continues with a limit of $limit', ({ raise, limit }) => {
      const sim = budgeted(2_000);
      sim.succeed('prd');
      sim.succeed('feature_tree');
      const decision = sim.decideGate('approve', raise ? { raiseBudget: raise } : {});
      expect(stagesOf(sim, decision)).toEqual(['plan']);
      expect(sim.state.project).toMatchObject({ state: 'running', budget: { maxTokens: limit } });
    });

    it('asks again when the raise is still not enough', () => {
      const sim = budgeted(2_000);
      sim.succeed('prd');
      sim.succeed('feature_tree');
      sim.decideGate('approve', { raiseBudget: { maxTokens: 2_100 } });
      expect(sim.openApproval()).toMatchObject({ gate: 'budget_exceeded', attempt: 2 });
      expect(sim.state.approvals[0]?.state).toBe('approved');
    });

    it('reject fails the project', () => {
      const sim = budgeted(2_000);
      sim.succeed('prd');
      sim.succeed('feature_tree');
      sim.decideGate('reject', { comment: 'too expensive' });
      expect(sim.state.project).toMatchObject({
        state: 'failed',
        failureCause: 'budget_exceeded rejected by reviewer-1: too expensive',
      });
    });

    it('refuses request_changes at a budget gate', () => {
      const sim = budgeted(2_000);
      sim.succeed('prd');
      sim.succeed('feature_tree');
      expect(sim.decideGate('request_changes').ignored?.reason).toBe('decision_not_applicable');
      expect(sim.openApproval().gate).toBe('budget_exceeded');
    });

    it('lets in-flight parallel tasks finish while it waits for the raise', () => {
      const perStage = 600;
      const sim = budgeted(6 * perStage + 2 * 1_000); // two of the four parallel stages fit
      for (const stage of [
        'prd',
        'feature_tree',
        'plan',
        'architecture',
        'uiux',
        'development',
      ] as const) {
        sim.succeed(stage);
      }
      expect(sim.inFlight()).toEqual(['qa', 'security']);
      expect(sim.openApproval()).toMatchObject({ gate: 'budget_exceeded', stage: 'documentation' });
      sim.succeed('qa');
      expect(sim.stage('qa').state).toBe('succeeded');
      expect(
        stagesOf(sim, sim.decideGate('approve', { raiseBudget: { maxTokens: 100_000 } })),
      ).toEqual(['documentation', 'support']);
    });
  });
});
