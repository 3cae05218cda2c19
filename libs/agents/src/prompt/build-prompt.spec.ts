import { STAGE_IDS, type StageId } from '@agentbus/contracts';
import type { LlmRequest } from '@agentbus/llm';
import { z } from 'zod';
import { AGENTS } from '../agents';
import { aContext, anInput } from '../testing/agent-fixtures';
import { buildPrompt, MissingInputError } from './build-prompt';
import { estimateTokens } from './estimate-tokens.util';
import type { InputArtifact } from './prompt-context';

const agents = Object.values(AGENTS);
const everyInput = new Map(STAGE_IDS.map((stage) => [stage, anInput(stage)]));
const userText = (request: LlmRequest): string => request.messages.map((m) => m.content).join('\n');
/** System (shared context and instructions) and user text: inputs may be in either. */
const promptText = (request: LlmRequest): string => `${request.system}\n${userText(request)}`;
const inputsOf = (stages: readonly StageId[]): Map<StageId, InputArtifact> =>
  new Map(stages.map((stage) => [stage, anInput(stage)]));

/** The bodies of the `<artifact>` blocks of a prompt, by stage. */
const artifactBlocks = (request: LlmRequest): Map<string, string> =>
  new Map(
    [
      ...promptText(request).matchAll(/<artifact stage="(\w+)"[^>]*>\n([\s\S]*?)\n<\/artifact>/g),
    ].map((match) => [match[1] ?? '', match[2] ?? '']),
  );

describe(buildPrompt.name, () => {
  it.each(agents)('$id reads the requirements and its declared inputs, nothing else', (agent) => {
    const request = buildPrompt(agent, aContext({ inputs: everyInput }));
    const text = promptText(request);
    expect(text).toContain('<requirements authority="source of truth">\nREQUIREMENTS:');
    const reads = new Set([...agent.inputs, ...agent.optionalInputs]);
    for (const stage of STAGE_IDS) {
      if (reads.has(stage)) expect(text).toContain(`BODY-OF-${stage}.`);
      else expect(text).not.toContain(`BODY-OF-${stage}.`);
    }
  });

  it.each(agents)('$id asks for its output contract and seeds the offline provider', (agent) => {
    const request = buildPrompt(agent, aContext({ inputs: everyInput }));
    expect(request.maxTokens).toBe(agent.maxTokens);
    expect(request.seedText).toBe('REQUIREMENTS: a web shop that sells tea.');
    expect(request.system).toMatch(/^The requirements are the source of truth\./);
    expect(request.system).toContain(agent.persona);
    if (agent.output.kind === 'json') {
      const jsonSchema = z.toJSONSchema(agent.output.schema);
      expect(request.expected).toEqual({ kind: 'json', jsonSchema });
      expect(request.system).toContain('Return one JSON object only');
      expect(request.system).toContain(JSON.stringify(jsonSchema));
    } else {
      expect(request.expected).toEqual({ kind: 'markdown', sections: agent.output.sections });
      for (const section of agent.output.sections) {
        expect(request.system).toContain(`\n## ${section}`);
      }
    }
  });

  it.each(agents.filter((agent) => agent.inputs.length > 0))(
    '$id refuses to run without a required input',
    (agent) => {
      const missing = agent.inputs.at(-1) as StageId;
      const inputs = inputsOf(agent.inputs.filter((stage) => stage !== missing));
      expect(() => buildPrompt(agent, aContext({ inputs }))).toThrow(MissingInputError);
      expect(() => buildPrompt(agent, aContext({ inputs }))).toThrow(missing);
    },
  );

  it('runs without an optional input (no ML feasibility result in this run)', () => {
    const request = buildPrompt(
      AGENTS.developer,
      aContext({ inputs: inputsOf(AGENTS.developer.inputs) }),
    );
    expect(userText(request)).not.toContain('ml_feasibility');
  });

  it('marks the PRD as approved and other inputs as derived', () => {
    const text = promptText(buildPrompt(AGENTS.plan, aContext({ inputs: everyInput })));
    expect(text).toContain(
      '<artifact stage="prd" version="1" format="markdown" authority="approved by a reviewer"',
    );
    expect(text).toContain(
      'stage="feature_tree" version="1" format="markdown" authority="derived; may be wrong">',
    );
  });

  it('summarizes long inputs to the agent budget, keeping headings and keys', () => {
    const agent = AGENTS.qa;
    const filler = 'The system shall behave well under load. '.repeat(400);
    const markdown = (stage: StageId): InputArtifact => ({
      format: 'markdown',
      version: 3,
      body: `# ${stage}\n\n## Scope\n${filler}\n\n## Risks\n${filler}`,
    });
    const json: InputArtifact = {
      format: 'json',
      version: 2,
      body: JSON.stringify({
        tdd_strategy: { approach: filler },
        development_phases: Array.from({ length: 50 }, (_, i) => ({
          phase: i + 1,
          tdd_steps: [filler],
        })),
      }),
    };
    const inputs = new Map<StageId, InputArtifact>([
      ['prd', markdown('prd')],
      ['architecture', markdown('architecture')],
      ['uiux', markdown('uiux')],
      ['development', json],
    ]);
    const total = [...inputs.values()].reduce((sum, input) => sum + estimateTokens(input.body), 0);
    expect(total).toBeGreaterThan(agent.inputBudgetTokens * 2);

    const request = buildPrompt(agent, aContext({ inputs }));
    const blocks = artifactBlocks(request);
    // Shared with the other reviews first (in the system prompt), then its own (uiux).
    expect([...blocks.keys()]).toEqual(['prd', 'architecture', 'development', 'uiux']);
    const used = [...blocks.values()].reduce((sum, block) => sum + estimateTokens(block), 0);
    expect(used).toBeLessThanOrEqual(agent.inputBudgetTokens);
    expect(promptText(request)).toContain('summarized="true"');
    for (const stage of ['prd', 'architecture', 'uiux'] as const) {
      expect(blocks.get(stage)).toMatch(
        new RegExp(`^# ${stage}[\\s\\S]*## Scope[\\s\\S]*## Risks`),
      );
    }
    expect(blocks.get('development')).toContain('"tdd_strategy":{"approach":');
    expect(blocks.get('development')).toContain('more)"]');
  });

  it('adds the revision block with the previous version and the comment only when revising', () => {
    const plain = userText(buildPrompt(AGENTS.prd, aContext()));
    expect(plain).not.toContain('<reviewer_comment>');
    expect(plain).toContain('Write the prd artifact');

    const revision = {
      comment: 'Add an offline mode.',
      previousBody: '## Executive Summary\nV1 TEXT',
    };
    const text = userText(buildPrompt(AGENTS.prd, aContext({ revision })));
    expect(text).toContain(
      '<previous_version>\n## Executive Summary\nV1 TEXT\n</previous_version>',
    );
    expect(text).toContain('<reviewer_comment>\nAdd an offline mode.\n</reviewer_comment>');
    expect(text).toContain('Revise this version; keep what the reviewer accepted.');
    expect(text).toContain('Revise the prd artifact');
  });

  it.each([
    { given: 'no memory or skills', memory: [], skills: [], blocks: false },
    {
      given: 'memory and skills',
      memory: [{ title: 'Tea shop 2024', text: 'PATTERN TEXT' }],
      skills: [{ name: 'owasp', prompt: 'SKILL PROMPT' }],
      blocks: true,
    },
  ])('shows memory and skills blocks only when given ($given)', ({ memory, skills, blocks }) => {
    const request = buildPrompt(AGENTS.prd, aContext({ memory, skills }));
    expect(userText(request).includes('<memory_patterns')).toBe(blocks);
    expect(request.system.includes('# Skills')).toBe(blocks);
    if (blocks) {
      expect(userText(request)).toContain('Title: Tea shop 2024\nPATTERN TEXT');
      expect(request.system).toContain('## Skill: owasp\nSKILL PROMPT');
    }
  });

  it('bounds each memory pattern so memory cannot crowd out the inputs', () => {
    const memory = [{ title: 'Long', text: 'x'.repeat(5_000) }];
    const text = userText(buildPrompt(AGENTS.prd, aContext({ memory })));
    expect(text).not.toContain('x'.repeat(801));
  });
});
