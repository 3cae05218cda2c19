import { ProjectDetail } from '../api/project.schemas';
import { aProjectDetail } from '../../test/builders';
import { applyEvent, applyUsage, DEFAULT_STAGE_COUNT, initialProgress } from './progress-model';
import { summarize } from './progress-summary';
import { type WorkflowEvent } from './workflow-event';

const dispatched = (stage: string): WorkflowEvent => ({
  kind: 'stage.dispatched',
  stage,
  attempt: 1,
});
const completed = (stage: string): WorkflowEvent => ({
  kind: 'stage.completed',
  stage,
  attempt: 1,
});
const gate: WorkflowEvent = {
  kind: 'approval.requested',
  approvalId: 'ap-1',
  gate: 'prd_approval',
  attempt: 1,
  stage: 'prd',
};
const replay = (events: readonly WorkflowEvent[]) => events.reduce(applyEvent, initialProgress());

describe(applyEvent.name, () => {
  it('takes the running totals from cost events, never going back, and counts the elapsed time', () => {
    const detail = ProjectDetail.parse(aProjectDetail());
    const cost = (totalTokens: number, cachedTokens: number, costUsd: number): WorkflowEvent => ({
      kind: 'cost',
      stage: 'prd',
      stageUsage: null,
      total: { totalTokens, cachedTokens, costUsd },
    });
    const sut = [completed('prd'), cost(5_000, 3_000, 0.02), cost(4_000, 0, 0.01)].reduce(
      applyEvent,
      initialProgress(detail),
    );
    const submitted = Date.parse(detail.createdAt);
    expect(summarize(sut, submitted + 125_000)).toMatchObject({
      done: 1,
      tokens: 5_000,
      cachedTokens: 3_000,
      costUsd: 0.02,
      elapsedMs: 125_000,
    });
  });

  it('counts finished stages and names the running ones', () => {
    const sut = replay([
      { kind: 'project.started' },
      ...['prd', 'feature_tree', 'plan', 'architecture', 'uiux', 'development'].flatMap((s) => [
        dispatched(s),
        completed(s),
      ]),
      dispatched('qa'),
      dispatched('security'),
      dispatched('documentation'),
      completed('security'),
    ]);
    expect(summarize(sut)).toMatchObject({
      state: 'running',
      done: 7,
      total: DEFAULT_STAGE_COUNT,
      current: ['qa', 'documentation'],
    });
  });

  it('marks a failed attempt that will be retried, then clears it on the next dispatch', () => {
    const failed: WorkflowEvent = {
      kind: 'stage.failed',
      stage: 'plan',
      attempt: 1,
      willRetry: true,
    };
    expect(summarize(replay([dispatched('plan'), failed])).current).toEqual(['plan (retrying)']);
    expect(summarize(replay([dispatched('plan'), failed, dispatched('plan')])).current).toEqual([
      'plan',
    ]);
  });

  it('waits at a gate until the next stage starts', () => {
    const waiting = replay([dispatched('prd'), completed('prd'), gate]);
    expect(waiting.state).toBe('waiting_approval');
    expect(waiting.openGate).toMatchObject({
      gate: 'prd_approval',
      attempt: 1,
      approvalId: 'ap-1',
    });
    expect(summarize(waiting).current).toEqual(['waiting for prd_approval']);
    const after = applyEvent(waiting, dispatched('feature_tree'));
    expect(after).toMatchObject({ state: 'running', openGate: undefined });
  });

  it('takes the final totals from project.completed', () => {
    const sut = replay([{ kind: 'project.completed', totalTokens: 24_000, totalCostUsd: 0.42 }]);
    expect(summarize(sut)).toMatchObject({ state: 'completed', tokens: 24_000, costUsd: 0.42 });
  });

  it.each([
    [
      { kind: 'project.failed', stage: 'qa', cause: 'no attempts left' },
      'failed',
      { stage: 'qa', cause: 'no attempts left' },
    ],
    [
      { kind: 'project.cancelled', reason: 'wrong input' },
      'cancelled',
      { stage: undefined, cause: 'wrong input' },
    ],
    [
      { kind: 'project.cancelled' },
      'cancelled',
      { stage: undefined, cause: 'cancelled on request' },
    ],
  ] as const)('ends on %o with its cause', (event, state, failure) => {
    expect(replay([gate, event as WorkflowEvent])).toMatchObject({
      state,
      failure,
      openGate: undefined,
    });
  });

  it('runs again after a restart: a re-dispatched stage is no longer done', () => {
    const sut = replay([completed('plan'), { kind: 'project.completed' }, dispatched('plan')]);
    expect(summarize(sut)).toMatchObject({ state: 'running', done: 0, current: ['plan'] });
  });

  it('ignores events it does not know', () => {
    const before = replay([dispatched('prd')]);
    expect(applyEvent(before, { kind: 'other', type: 'routing.decided' })).toBe(before);
  });

  it('counts a stage beyond the planned ones (ml_feasibility routed to GPU)', () => {
    const twelve = [
      'prd',
      'feature_tree',
      'plan',
      'architecture',
      'uiux',
      'development',
      'qa',
      'security',
      'documentation',
      'support',
      'pm_review',
      'delivery',
    ];
    const sut = replay([...twelve.map(completed), dispatched('ml_feasibility')]);
    expect(summarize(sut)).toMatchObject({ done: 12, total: 13 });
  });
});

describe(initialProgress.name, () => {
  it('plans the stages the project will run (skipped ones excluded) and starts from its usage', () => {
    const detail = ProjectDetail.parse(aProjectDetail());
    expect(initialProgress(detail)).toMatchObject({
      stageCount: 12,
      tokens: 1_200,
      costUsd: 0.0125,
    });
  });

  it('assumes the twelve stages of a project not created yet', () => {
    const detail = ProjectDetail.parse(aProjectDetail({ state: 'queued', stages: [] }));
    expect(initialProgress(detail)).toMatchObject({ state: 'queued', stageCount: 12 });
  });
});

describe(applyUsage.name, () => {
  it('never lowers the totals', () => {
    const sut = applyUsage(initialProgress(), { totalTokens: 500, costUsd: 0.01 });
    expect(applyUsage(sut, { totalTokens: 100, costUsd: 0.001 })).toMatchObject({
      tokens: 500,
      costUsd: 0.01,
    });
  });
});
