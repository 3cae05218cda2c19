import { AGENTS } from '../agents';
import { aValidAnswer } from '../testing/agent-fixtures';
import { parseOutput } from './parse-output';

const plan = AGENTS.plan;
const validPlan = aValidAnswer(plan);
const canonicalPlan = JSON.stringify(JSON.parse(validPlan), null, 2);

describe(parseOutput.name, () => {
  it.each([
    { shape: 'bare JSON', text: validPlan },
    { shape: 'bare JSON with whitespace', text: `\n  ${validPlan}\n` },
    {
      shape: 'a closed json fence',
      text: `Here is the plan:\n\`\`\`json\n${validPlan}\n\`\`\`\nDone.`,
    },
    { shape: 'an unclosed fence (cut off)', text: `\`\`\`json\n${validPlan}\n` },
    { shape: 'a fence without language', text: `\`\`\`\n${validPlan}\n\`\`\`` },
    {
      shape: 'JSON inside prose',
      text: `Sure! {not json} The plan is ${validPlan} as requested {x}.`,
    },
  ])('reads $shape', ({ text }) => {
    expect(parseOutput(plan, text)).toEqual({
      ok: true,
      value: JSON.parse(validPlan),
      body: canonicalPlan,
    });
  });

  it('stores keys in schema order whatever order the model used', () => {
    const reordered = Object.fromEntries(Object.entries(JSON.parse(validPlan) as object).reverse());
    const result = parseOutput(plan, JSON.stringify(reordered));
    expect(result.ok && result.body).toBe(canonicalPlan);
  });

  it('skips braces inside strings when finding the embedded object', () => {
    const value = {
      ...(JSON.parse(validPlan) as object),
      assumptions: ['a } brace', 'a "{" quote'],
    };
    const result = parseOutput(plan, `Answer: ${JSON.stringify(value)} trailing`);
    expect(result.ok).toBe(true);
  });

  it.each([
    { problem: 'no JSON', text: 'I cannot do that.', want: ['the answer contains no JSON object'] },
    {
      problem: 'a JSON array',
      text: '[1, 2]',
      want: ['(root): Invalid input: expected object, received array'],
    },
  ])('rejects $problem', ({ text, want }) => {
    expect(parseOutput(plan, text)).toEqual({ ok: false, problems: want });
  });

  it('names schema problems by path', () => {
    const value = JSON.parse(validPlan) as { tasks: { title: unknown }[]; milestones: unknown[] };
    value.milestones = [];
    (value.tasks[0] as { title: unknown }).title = 42;
    const result = parseOutput(plan, JSON.stringify({ ...value, extra: true }));
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^milestones: Too small/),
        expect.stringMatching(/^tasks\[0\]\.title: Invalid input: expected string/),
        expect.stringMatching(/^\(root\): Unrecognized key: "extra"/),
      ]),
    );
  });

  it('caps the number of problems so the repair prompt stays short', () => {
    const result = parseOutput(AGENTS.qa, '{}');
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toHaveLength(8);
    const many = parseOutput(
      plan,
      JSON.stringify({ milestones: Array(21).fill({}), tasks: Array(30).fill({}) }),
    );
    expect(many.ok ? [] : many.problems.at(-1)).toMatch(/^\(\+\d+ more problems\)$/);
  });
});

describe(`${parseOutput.name} (markdown)`, () => {
  const support = AGENTS.support; // FAQ, Common Issues, Escalation, Runbook
  const doc = (...parts: string[]): string => parts.join('\n\n');

  it.each([
    {
      shape: '## headings',
      text: doc('## FAQ\nQ', '## Common Issues\nI', '## Escalation\nE', '## Runbook\nR'),
    },
    {
      shape: 'mixed levels, case and numbering',
      text: doc(
        '# Support',
        '### faq\nQ',
        '## 2. COMMON ISSUES\nI',
        '# Escalation:\nE',
        '## Runbook ##\nR',
      ),
    },
    {
      shape: 'a section whose content is a subsection',
      text: doc(
        '## FAQ',
        '### How do I log in?\nWith SSO.',
        '## Common Issues\nI',
        '## Escalation\nE',
        '## Runbook\nR',
      ),
    },
  ])('accepts $shape', ({ text }) => {
    expect(parseOutput(support, `  ${text}\n`)).toEqual({ ok: true, value: text, body: text });
  });

  it('unwraps a document the model put in one markdown fence', () => {
    const text = doc('## FAQ\nQ', '## Common Issues\nI', '## Escalation\nE', '## Runbook\nR');
    expect(parseOutput(support, `\`\`\`markdown\n${text}\n\`\`\``)).toMatchObject({
      ok: true,
      body: text,
    });
  });

  it.each([
    {
      problem: 'a missing section',
      text: doc('## FAQ\nQ', '## Escalation\nE', '## Runbook\nR'),
      want: ['missing section "## Common Issues"'],
    },
    {
      problem: 'an empty section',
      text: doc('## FAQ', '## Common Issues\nI', '## Escalation\nE', '## Runbook\n  '),
      want: ['section "## FAQ" is empty', 'section "## Runbook" is empty'],
    },
    {
      problem: 'a heading inside a code block',
      text: doc('## FAQ\nQ', '```\n## Common Issues\n```', '## Escalation\nE', '## Runbook\nR'),
      want: ['missing section "## Common Issues"'],
    },
    {
      problem: 'a section deeper than ###',
      text: doc('## FAQ\nQ', '#### Common Issues\nI', '## Escalation\nE', '## Runbook\nR'),
      want: ['missing section "## Common Issues"'],
    },
    { problem: 'an empty answer', text: '  ', want: ['the answer is empty'] },
  ])('rejects $problem, naming it', ({ text, want }) => {
    expect(parseOutput(support, text)).toEqual({ ok: false, problems: want });
  });
});
