import { STAGE_IDS, type StageId } from '@agentbus/contracts';
import { AGENTS } from '../agents';
import { aContext, anInput } from '../testing/agent-fixtures';
import { buildPrompt } from './build-prompt';
import type { InputArtifact } from './prompt-context';
import { sharedInputsOf } from './shared-inputs';

const everyInput = new Map(STAGE_IDS.map((stage) => [stage, anInput(stage)]));
const REVIEWS = [AGENTS.qa, AGENTS.security, AGENTS.tech_writer, AGENTS.support];

describe('prompt layout for caching and digests', () => {
  it.each(Object.values(AGENTS))(
    '$id: system is its cached parts, shared context first',
    (agent) => {
      const request = buildPrompt(agent, aContext({ inputs: everyInput }));
      const parts = request.systemParts ?? [];
      expect(parts.map((part) => part.cache)).toEqual([true, true]);
      expect(request.system).toBe(parts.map((part) => part.text).join('\n\n'));
      expect(parts[0]?.text).toMatch(/^The requirements are the source of truth\./);
      expect(parts[0]?.text).toContain('<requirements authority="source of truth">');
      expect(parts[1]?.text).toContain(agent.persona);
    },
  );

  it('gives the four parallel reviews one shared prefix, and each its own instructions', () => {
    const prompts = REVIEWS.map((agent) => buildPrompt(agent, aContext({ inputs: everyInput })));
    const prefixes = new Set(prompts.map((request) => request.systemParts?.[0]?.text));
    expect(prefixes.size).toBe(1);
    expect([...prefixes][0]).toContain('BODY-OF-development.');
    expect(new Set(prompts.map((request) => request.systemParts?.[1]?.text)).size).toBe(4);
    expect(sharedInputsOf(AGENTS.qa)).toEqual(['prd', 'architecture', 'development']);
  });

  it('keeps an input other reviews do not read out of the shared prefix', () => {
    const request = buildPrompt(AGENTS.qa, aContext({ inputs: everyInput }));
    expect(request.systemParts?.[0]?.text).not.toContain('BODY-OF-uiux.');
    expect(request.messages[0]?.content).toContain('BODY-OF-uiux.');
  });

  it('shares every required input of a stage that runs alone', () => {
    expect(sharedInputsOf(AGENTS.developer)).toEqual(AGENTS.developer.inputs);
  });

  it.each(Object.values(AGENTS))('$id reads whole only inputs it declares', (agent) => {
    const declared = new Set<StageId>([...agent.inputs, ...agent.optionalInputs]);
    for (const stage of agent.readsWhole) expect(declared.has(stage)).toBe(true);
  });

  it("reads an input it does not need whole as the artifact's stored digest", () => {
    const prd: InputArtifact = {
      format: 'markdown',
      version: 2,
      body: '## Goals\nFULL PRD TEXT',
      digest: '## Goals\nSTORED DIGEST',
    };
    const inputs = new Map<StageId, InputArtifact>([...everyInput, ['prd', prd]]);
    const text = buildPrompt(AGENTS.plan, aContext({ inputs })).system;
    expect(text).toContain('STORED DIGEST');
    expect(text).not.toContain('FULL PRD TEXT');
    expect(text).toMatch(/<artifact stage="prd" version="2"[^>]*summarized="true">/);
  });

  it('makes the digest from the body when none was stored', () => {
    const body = JSON.stringify({ phases: [{ id: 'P1', name: 'Build', notes: 'x'.repeat(500) }] });
    const inputs = new Map<StageId, InputArtifact>([
      ...everyInput,
      ['plan', { format: 'json', version: 1, body }],
    ]);
    const text = buildPrompt(AGENTS.developer, aContext({ inputs })).system;
    expect(text).toContain('{"phases":[{"id":"P1","name":"Build"}]}');
    expect(text).not.toContain('x'.repeat(100));
  });

  it('sends an input it reads whole in full, JSON without indentation', () => {
    const body = JSON.stringify({ phases: [{ id: 'P1', notes: 'ALL NOTES' }] }, null, 2);
    const inputs = new Map<StageId, InputArtifact>([
      ...everyInput,
      ['plan', { format: 'json', version: 1, body }],
    ]);
    const text = buildPrompt(AGENTS.architect, aContext({ inputs })).system;
    expect(text).toContain('{"phases":[{"id":"P1","notes":"ALL NOTES"}]}');
  });
});
