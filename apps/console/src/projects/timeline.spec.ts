import { type Stage } from '../api/gateway-types';
import { formatCost, formatDuration, stageDurationMs, timelineOf } from './timeline';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();
const NOW = Date.UTC(2026, 0, 1, 0, 1, 0);

const aStage = (stage: string, from?: number, to?: number, state = 'succeeded'): Stage => ({
  stage,
  state,
  attempt: 1,
  failures: 0,
  target: 'cpu',
  artifactVersion: null,
  memory: null,
  startedAt: from === undefined ? null : at(from),
  finishedAt: to === undefined ? null : at(to),
  nextAttemptAt: null,
  durationMs: from !== undefined && to !== undefined ? (to - from) * 1000 : null,
  lastError: null,
  usage: {
    inputTokens: 0,
    cachedTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    totalTokens: 0,
    costUsd: 0,
    llmCalls: 0,
  },
});

const names = (steps: ReturnType<typeof timelineOf>) =>
  steps.map((step) => step.lanes.map((lane) => lane.stage));

describe(timelineOf.name, () => {
  it('puts stages that ran side by side in one step, and sequential ones in their own', () => {
    const steps = timelineOf(
      [
        aStage('development', 0, 10),
        aStage('qa', 10, 20),
        aStage('security', 11, 18),
        aStage('documentation', 12, 25),
        aStage('support', 19, 22),
        aStage('pm_review', 25, 30),
      ],
      NOW,
    );
    expect(names(steps)).toEqual([
      ['development'],
      ['qa', 'security', 'documentation', 'support'],
      ['pm_review'],
    ]);
  });

  it('counts a running stage as running until now, lists pending ones alone, drops skipped ones', () => {
    const steps = timelineOf(
      [
        aStage('qa', 10, undefined, 'running'),
        aStage('security', 30, undefined, 'running'),
        aStage('ml_feasibility', undefined, undefined, 'skipped'),
        aStage('documentation'),
        aStage('support'),
      ],
      NOW,
    );
    expect(names(steps)).toEqual([['qa', 'security'], ['documentation'], ['support']]);
  });
});

describe(formatDuration.name, () => {
  it.each([
    [null, '—'],
    [850, '850 ms'],
    [12_340, '12.3 s'],
    [245_000, '4 min 05 s'],
    [3_720_000, '1 h 02 min'],
  ])('formats %p as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe(stageDurationMs.name, () => {
  it('uses the recorded duration, else the time since the start, else nothing', () => {
    expect(stageDurationMs(aStage('prd', 0, 5), NOW)).toBe(5000);
    expect(stageDurationMs(aStage('prd', 50, undefined, 'running'), NOW)).toBe(10_000);
    expect(stageDurationMs(aStage('prd'), NOW)).toBeNull();
  });
});

describe(formatCost.name, () => {
  it('shows cents precisely and dollars with two digits', () => {
    expect(formatCost(0.0123)).toBe('$0.0123');
    expect(formatCost(12.5)).toBe('$12.50');
  });
});
