import { type LlmRequest } from '../llm-provider';
import { systemPromptFor, unfenceJson } from './output-instructions';

const base: LlmRequest = {
  system: 'Be brief.',
  messages: [],
  maxTokens: 10,
  expected: { kind: 'text' },
};

describe(systemPromptFor.name, () => {
  it('leaves text requests alone', () => {
    expect(systemPromptFor(base)).toBe('Be brief.');
  });

  it('asks for JSON only, with the schema', () => {
    const prompt = systemPromptFor({
      ...base,
      expected: { kind: 'json', jsonSchema: { type: 'object' } },
    });
    expect(prompt).toContain('single JSON value');
    expect(prompt).toContain('{"type":"object"}');
  });

  it('adds nothing when the caller already stated the contract (no schema sent twice)', () => {
    const prompt = systemPromptFor({
      ...base,
      expected: { kind: 'json', jsonSchema: { type: 'object' } },
      outputInstructed: true,
    });
    expect(prompt).toBe('Be brief.');
  });

  it('lists the markdown sections in order', () => {
    const prompt = systemPromptFor({
      ...base,
      expected: { kind: 'markdown', sections: ['Goals', 'Risks'] },
    });
    expect(prompt).toContain('Goals, Risks');
  });
});

describe(unfenceJson.name, () => {
  it.each([
    ['```json\n{"a":1}\n```', '{"a":1}'],
    ['```\n[1]\n```', '[1]'],
    ['  {"a":1}  ', '  {"a":1}  '],
  ])('unwraps %p', (text, expected) => {
    expect(unfenceJson(text)).toBe(expected);
  });
});
