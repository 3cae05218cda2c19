import { PatternView } from '@agentbus/contracts';
import { type Pattern } from '../patterns/pattern';
import { toPatternView } from './pattern-view.util';

const aPattern = (overrides: Partial<Pattern> = {}): Pattern => ({
  id: 'artifact-0197a2c4-8b24-7d53-9e6f-4a7b0c3d6e82',
  type: 'prd',
  source: 'project',
  text: 'Pet clinic booking',
  metadata: { stage: 'prd' },
  projectId: '0197a2c4-8b24-7d53-9e6f-4a7b0c3d6e83',
  retrievedCount: 3,
  successes: 1,
  failures: 0,
  successScore: 2 / 3,
  createdAt: new Date('2026-12-01T10:00:00.000Z'),
  lastUsedAt: new Date('2026-12-02T10:00:00.000Z'),
  ...overrides,
});

describe(toPatternView.name, () => {
  it('answers dates as ISO text and satisfies the contract', () => {
    const view = toPatternView(aPattern());
    expect(view).toMatchObject({
      createdAt: '2026-12-01T10:00:00.000Z',
      lastUsedAt: '2026-12-02T10:00:00.000Z',
      projectId: '0197a2c4-8b24-7d53-9e6f-4a7b0c3d6e83',
    });
    expect(PatternView.parse(view)).toEqual(view);
  });

  it('leaves out a missing project and keeps a never-used pattern null', () => {
    const view = toPatternView(
      aPattern({ id: 'manual-x', source: 'manual', projectId: undefined, lastUsedAt: null }),
    );
    expect(view).not.toHaveProperty('projectId');
    expect(view.lastUsedAt).toBeNull();
    expect(PatternView.parse(view)).toEqual(view);
  });
});
