import { anchoredComment, parseAnchoredComment, sectionsOf } from './sections';

describe(sectionsOf.name, () => {
  it("lists a markdown artifact's headings in order, each once", () => {
    const body = '# PRD\n\nIntro\n\n## Goals\n\n- a\n\n## Risks\n\ntext\n\n## Goals\n';
    expect(sectionsOf('markdown', body)).toEqual(['PRD', 'Goals', 'Risks']);
  });

  it("lists a JSON artifact's top-level fields, and nothing for other bodies", () => {
    expect(sectionsOf('json', { features: [], risks: {} })).toEqual(['features', 'risks']);
    expect(sectionsOf('json', [1, 2])).toEqual([]);
    expect(sectionsOf('markdown', { not: 'text' })).toEqual([]);
  });
});

describe(anchoredComment.name, () => {
  it('round-trips a comment anchored to a section', () => {
    const text = anchoredComment('Goals', 'Add a goal on uptime.\nAnd another.');
    expect(text).toBe('[section: Goals]\nAdd a goal on uptime.\nAnd another.');
    expect(parseAnchoredComment(text)).toEqual({
      section: 'Goals',
      comment: 'Add a goal on uptime.\nAnd another.',
    });
  });

  it('leaves a comment without a section as it is', () => {
    expect(anchoredComment('', 'Looks fine')).toBe('Looks fine');
    expect(parseAnchoredComment('Looks fine')).toEqual({ comment: 'Looks fine' });
    expect(parseAnchoredComment('[section: x without end')).toEqual({
      comment: '[section: x without end',
    });
  });

  it('keeps a heading with brackets or a line break from breaking the anchor', () => {
    expect(parseAnchoredComment(anchoredComment('A [b]\nc', 'text'))).toEqual({
      section: 'A [b  c',
      comment: 'text',
    });
  });
});
