import { deletionProgress, type DeletionRecord } from './deletion-progress.util';

const record = (answers: DeletionRecord['answers']): DeletionRecord => ({
  projectId: '0190c6a0-0000-7000-8000-000000000001',
  requestedBy: 'ops-admin',
  requestedAt: new Date('2026-12-01T10:00:00Z'),
  answers,
});
const OWNERS = ['gateway', 'master-orchestrator', 'cpu-agent-worker'] as const;

describe(deletionProgress.name, () => {
  it('is deleting while any owner has not answered, naming who is pending', () => {
    const progress = deletionProgress(
      record({ gateway: { rows: 3, at: '2026-12-01T10:00:00.000Z' } }),
      OWNERS,
    );
    expect(progress.state).toBe('deleting');
    expect(progress.completedAt).toBeNull();
    expect(progress.services.filter((s) => !s.done).map((s) => s.service)).toEqual([
      'master-orchestrator',
      'cpu-agent-worker',
    ]);
  });

  it('is deleted once every owner answered, completed at the last answer', () => {
    const progress = deletionProgress(
      record({
        gateway: { rows: 3, at: '2026-12-01T10:00:00.000Z' },
        'cpu-agent-worker': { rows: 9, at: '2026-12-01T10:00:02.000Z' },
        'master-orchestrator': { rows: 40, at: '2026-12-01T10:00:01.000Z' },
      }),
      OWNERS,
    );
    expect(progress).toMatchObject({ state: 'deleted', completedAt: '2026-12-01T10:00:02.000Z' });
  });

  it('waits for an owner added later (e.g. memory-service) even if the others are done', () => {
    const answers = {
      gateway: { rows: 0, at: '2026-12-01T10:00:00.000Z' },
      'master-orchestrator': { rows: 1, at: '2026-12-01T10:00:00.000Z' },
      'cpu-agent-worker': { rows: 1, at: '2026-12-01T10:00:00.000Z' },
    };
    expect(deletionProgress(record(answers), [...OWNERS, 'memory-service']).state).toBe('deleting');
  });
});
