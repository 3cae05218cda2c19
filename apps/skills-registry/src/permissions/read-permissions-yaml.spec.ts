import { PermissionsYamlError, readPermissionsYaml } from './read-permissions-yaml';

const problemsOf = (text: string): readonly string[] => {
  try {
    readPermissionsYaml(text);
  } catch (error) {
    if (error instanceof PermissionsYamlError) return error.problems;
    throw error;
  }
  throw new Error('the document was accepted');
};

describe(readPermissionsYaml.name, () => {
  it('reads allowlists and capability mappings, defaulting what is absent', () => {
    const text = [
      'agents:',
      '  architect:',
      '    allow: [system-architecture, "api-documentation@^1"]',
      '  security:',
      '    deny: ["*"]',
      'capabilities:',
      '  - { capability: architecture, skill: system-architecture, priority: 10 }',
    ].join('\n');
    expect(readPermissionsYaml(text)).toEqual({
      agents: {
        architect: { allow: ['system-architecture', 'api-documentation@^1'], deny: [] },
        security: { allow: [], deny: ['*'] },
      },
      capabilities: [{ capability: 'architecture', skill: 'system-architecture', priority: 10 }],
    });
    expect(readPermissionsYaml('')).toEqual({ agents: {}, capabilities: [] });
  });

  it('names the line and field of a bad rule', () => {
    const text = [
      'agents:',
      '  architect:',
      '    allow:',
      '      - ok-skill',
      '      - "../x"',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^line 5: agents\.architect\.allow\.1: must be /),
    ]);
  });

  it('names an unknown field at its own line', () => {
    const text = ['agents:', '  architect:', '    allow: []', '    alow: [x]'].join('\n');
    expect(problemsOf(text)).toEqual([
      'line 4: agents.architect.alow: is not a field of this document',
    ]);
  });

  it('names every bad entry of a capability mapping', () => {
    const text = [
      'capabilities:',
      '  - capability: architecture',
      '    skill: system-architecture',
      '    priority: 5000',
      '  - capability: Bad Name',
      '    skill: x',
      '    priority: 1',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^line 4: capabilities\.0\.priority: /),
      expect.stringMatching(/^line 5: capabilities\.1\.capability: /),
    ]);
  });

  it('refuses an agent that does not exist', () => {
    expect(problemsOf('agents:\n  wizard: { allow: [x] }')).toEqual([
      expect.stringMatching(/^line 2: agents(\.wizard)?: /),
    ]);
  });

  it('refuses text that is not YAML, duplicate keys included, with the line', () => {
    expect(problemsOf('agents: [unclosed')[0]).toMatch(/^not YAML: .*line 1/);
    expect(problemsOf('agents: {}\nagents: {}')[0]).toMatch(/^not YAML: .*line 2/);
  });

  it('refuses a document that is not a mapping', () => {
    expect(problemsOf('- just\n- a list')).toEqual([
      expect.stringMatching(/^line 1: \(document\): /),
    ]);
  });
});
