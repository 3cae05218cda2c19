import { DEFAULT_RETENTION, retentionCutoffs } from './retention-policy';

describe(retentionCutoffs.name, () => {
  const now = new Date('2026-12-02T00:00:00Z');

  it('keeps templates for ever, accepted artifacts 90 days and manual patterns 30 by default', () => {
    expect(retentionCutoffs(DEFAULT_RETENTION, now)).toEqual([
      { source: 'project', before: new Date('2026-09-03T00:00:00Z') },
      { source: 'manual', before: new Date('2026-11-02T00:00:00Z') },
    ]);
  });

  it('follows a configured policy', () => {
    expect(retentionCutoffs({ template: 365, project: null, manual: 1 }, now)).toEqual([
      { source: 'template', before: new Date('2025-12-02T00:00:00Z') },
      { source: 'manual', before: new Date('2026-12-01T00:00:00Z') },
    ]);
  });
});
