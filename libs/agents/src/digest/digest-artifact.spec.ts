import { digestArtifact } from './digest-artifact';

const longText = (words: number): string =>
  Array.from({ length: words }, (_, i) => `word${i}`).join(' ');

describe(digestArtifact.name, () => {
  describe('JSON', () => {
    const artifact = {
      test_strategy: { approach: longText(200), coverage_target: 80 },
      test_cases: Array.from({ length: 40 }, (_, i) => ({
        id: `TC-${i}`,
        title: `Case ${i}`,
        priority: 'high',
        steps: [longText(40), longText(40)],
        description: longText(60),
        automated: i % 2 === 0,
      })),
    };
    const body = JSON.stringify(artifact, null, 2);
    const digest = digestArtifact('json', body);
    const parsed = JSON.parse(digest) as {
      test_strategy: { approach: string; coverage_target: number };
      test_cases: unknown[];
    };

    it('keeps every top-level key and the ids, names and flags of list items', () => {
      expect(Object.keys(parsed)).toEqual(['test_strategy', 'test_cases']);
      expect(parsed.test_cases[0]).toEqual({
        id: 'TC-0',
        title: 'Case 0',
        priority: 'high',
        steps: '[2 items]',
        automated: true,
      });
      expect(parsed.test_strategy.coverage_target).toBe(80);
    });

    it('drops prose, cuts text to a line and marks how many items it left out', () => {
      expect(digest).not.toContain('"description"');
      expect(parsed.test_strategy.approach.length).toBeLessThanOrEqual(120);
      expect(parsed.test_cases).toHaveLength(31);
      expect(parsed.test_cases.at(-1)).toBe('(+10 more)');
      expect(digest.length).toBeLessThan(body.length / 3);
    });

    it('keeps the first text of an item that has nothing identifying', () => {
      const risks = { risks: [{ description: 'Data loss on sync', mitigation: longText(30) }] };
      expect(JSON.parse(digestArtifact('json', JSON.stringify(risks)))).toEqual({
        risks: [{ text: 'Data loss on sync' }],
      });
    });

    it('digests a JSON artifact that does not parse as prose', () => {
      expect(digestArtifact('json', '{ not json')).toBe('{ not json');
    });
  });

  describe('markdown', () => {
    const sections = ['Summary', 'Deliverables', 'Next Steps'];
    const body = [
      '_Generated offline._',
      ...sections.map(
        (heading) =>
          `## ${heading}\n\n${heading} key line. ${longText(60)}.\n\n- item one\n- item two\n\n${longText(40)}`,
      ),
      '```\ncode()\n```',
    ].join('\n\n');

    it('keeps every heading with its first two lines, each cut to a line', () => {
      const digest = digestArtifact('markdown', body);
      expect(digest.split('\n').slice(0, 4)).toEqual([
        '_Generated offline._',
        '## Summary',
        expect.stringMatching(/^Summary key line\. word0 .*…$/),
        '- item one',
      ]);
      for (const heading of sections) expect(digest).toContain(`## ${heading}\n${heading} key`);
      expect(digest).not.toContain('item two');
      expect(digest).not.toContain('code()');
      expect(digest.length).toBeLessThan(body.length / 2);
    });

    it('keeps a short document whole', () => {
      expect(digestArtifact('markdown', '## Summary\nShort.\n')).toBe('## Summary\nShort.');
    });
  });
});
