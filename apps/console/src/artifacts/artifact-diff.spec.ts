import { artifactDiff, diffStats } from './artifact-diff';

describe(artifactDiff.name, () => {
  it('finds the lines added and removed between two markdown versions', () => {
    const parts = artifactDiff(
      '# PRD\n\n## Goals\n- a\n- b\n',
      '# PRD\n\n## Goals\n- a\n- c\n- d\n',
    );
    expect(parts).toEqual([
      { kind: 'same', lines: ['# PRD', '', '## Goals', '- a'] },
      { kind: 'removed', lines: ['- b'] },
      { kind: 'added', lines: ['- c', '- d'] },
    ]);
    expect(diffStats(parts)).toEqual({ added: 2, removed: 1 });
  });

  it('compares JSON artifacts as pretty-printed text', () => {
    const parts = artifactDiff({ risks: ['a'] }, { risks: ['a', 'b'] });
    expect(diffStats(parts)).toEqual({ added: 2, removed: 1 }); // "a" gains a comma
    expect(parts.filter((p) => p.kind === 'added').flatMap((p) => p.lines)).toContain('    "b"');
  });

  it('reports no change for equal versions', () => {
    expect(diffStats(artifactDiff('same\n', 'same\n'))).toEqual({ added: 0, removed: 0 });
  });
});
