import { estimateTokens } from './estimate-tokens.util';
import { summarizeArtifact } from './summarize-artifact';

const longText = (words: number): string =>
  Array.from({ length: words }, (_, i) => `w${i}`).join(' ');

const bigJson = JSON.stringify({
  system_overview: { description: longText(400), architecture_type: 'modular monolith' },
  components: Array.from({ length: 40 }, (_, i) => ({
    id: `c${i}`,
    name: `Component ${i}`,
    responsibilities: [longText(60), longText(60)],
    interfaces: { http: { routes: [longText(30)] } },
  })),
  technology_stack: { backend: 'Node.js', database: 'Postgres' },
});

const bigMarkdown = [
  '# Product Requirements',
  ...['Executive Summary', 'User Stories', 'Success Metrics'].flatMap((title) => [
    `## ${title}`,
    `First sentence of ${title}. ${longText(300)}. Last sentence.`,
    `- item one of ${title}`,
    `### Detail of ${title}`,
    longText(200),
  ]),
].join('\n\n');

describe(summarizeArtifact.name, () => {
  it('passes an artifact that fits through unchanged', () => {
    const body = JSON.stringify({ a: 1 });
    expect(summarizeArtifact({ format: 'json', body }, 100)).toEqual({
      text: body,
      summarized: false,
    });
  });

  it.each([2_000, 800, 300, 120])(
    'fits JSON into %i tokens, keeping the top-level keys',
    (budget) => {
      const { text, summarized } = summarizeArtifact({ format: 'json', body: bigJson }, budget);
      expect(summarized).toBe(true);
      expect(estimateTokens(text)).toBeLessThanOrEqual(budget);
      for (const key of ['system_overview', 'components', 'technology_stack']) {
        expect(text).toContain(`"${key}"`);
      }
    },
  );

  it('keeps the first items of a long array with a "(+N more)" marker and cuts long strings', () => {
    const { text } = summarizeArtifact({ format: 'json', body: bigJson }, 2_000);
    const summary = JSON.parse(text) as { components: unknown[] };
    expect(summary.components.at(-1)).toMatch(/^\(\+\d+ more\)$/);
    expect(text).toContain('"id":"c0"');
    expect(text).toContain('…');
  });

  it('drops the deepest levels before the keys above them', () => {
    const { text } = summarizeArtifact({ format: 'json', body: bigJson }, 100);
    expect(text).not.toContain('routes');
    expect(text).toContain('"interfaces":{"http":"…"}');
    expect(text).toContain('"responsibilities":"[2 items]"');
    expect(text).toContain('"architecture_type"');
  });

  it.each([3_000, 400, 60])('fits markdown into %i tokens, keeping the headings', (budget) => {
    const { text } = summarizeArtifact({ format: 'markdown', body: bigMarkdown }, budget);
    expect(estimateTokens(text)).toBeLessThanOrEqual(budget);
    expect(text).toContain('# Product Requirements');
    expect(text).toContain('## Executive Summary');
    expect(text).toContain('## Success Metrics');
  });

  it('keeps the first sentence of each section when there is room', () => {
    const { text } = summarizeArtifact({ format: 'markdown', body: bigMarkdown }, 400);
    expect(text).toContain('First sentence of User Stories.');
    expect(text).not.toContain('Last sentence.');
  });

  it.each([
    { format: 'json' as const, body: bigJson, budget: 5 },
    { format: 'markdown' as const, body: bigMarkdown, budget: 12 },
    { format: 'json' as const, body: `not json ${longText(500)}`, budget: 50 },
  ])('still fits $budget tokens ($format) by cutting the text', ({ format, body, budget }) => {
    const { text, summarized } = summarizeArtifact({ format, body }, budget);
    expect(summarized).toBe(true);
    expect(estimateTokens(text)).toBeLessThanOrEqual(budget);
  });
});
