import { type AppLogger } from '@agentbus/observability';
import { type Principal } from '../auth/principal';
import { type PastStageSpend } from './cost-forecast';
import { HISTORY_TTL_MS, ProjectForecaster } from './project-forecaster.service';
import { type SpendHistoryRepository } from './spend-history.repository';

const past: PastStageSpend[] = [
  {
    projectId: 'a',
    requirementsChars: 100,
    stage: 'prd',
    inputTokens: 1_000,
    outputTokens: 100,
    costUsd: 0.01,
  },
];
const requester = (workspaces: string[]): Principal => ({
  keyId: 'k',
  name: 'alice',
  role: 'requester',
  workspaces,
});

describe(ProjectForecaster.name, () => {
  let recent: jest.Mock<Promise<PastStageSpend[]>, [readonly string[] | null]>;
  let warn: jest.Mock;
  let sut: ProjectForecaster;
  let clock: jest.SpyInstance<number, []>;

  beforeEach(() => {
    recent = jest.fn(async (_workspaces: readonly string[] | null) => past);
    warn = jest.fn();
    clock = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    sut = new ProjectForecaster(
      { recent } as unknown as SpendHistoryRepository,
      { pino: { warn } } as unknown as AppLogger,
    );
  });

  afterEach(() => clock.mockRestore());

  it('reads a workspace set’s history once for a burst of submissions', async () => {
    const forecasts = await Promise.all(
      Array.from({ length: 50 }, () => sut.forecastFor('x'.repeat(100), requester(['b', 'a']))),
    );
    await sut.forecastFor('y', requester(['a', 'b']));
    expect(recent).toHaveBeenCalledTimes(1);
    expect(forecasts.every((f) => f?.basedOnProjects === 1)).toBe(true);
  });

  it('reads again once the history is older than the TTL, and per workspace set', async () => {
    await sut.forecastFor('x', requester(['a']));
    await sut.forecastFor('x', requester(['c']));
    clock.mockReturnValue(1_000_000 + HISTORY_TTL_MS);
    await sut.forecastFor('x', requester(['a']));
    expect(recent.mock.calls).toEqual([[['a']], [['c']], [['a']]]);
  });

  it('forecasts nothing when history cannot be read, and tries again at the next submission', async () => {
    recent.mockRejectedValueOnce(new Error('connection refused'));
    await expect(sut.forecastFor('x', requester(['a']))).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    await expect(sut.forecastFor('x', requester(['a']))).resolves.toMatchObject({
      basedOnProjects: 1,
    });
    expect(recent).toHaveBeenCalledTimes(2);
  });
});
