import { resolveSkills, type InstalledVersion } from './resolve-skills';
import { parseSkillRule, type SkillRule } from './skill-rule';

const rules = (...texts: string[]): SkillRule[] =>
  texts.map((text) => {
    const rule = parseSkillRule(text);
    if (!rule) throw new Error(`bad rule ${text}`);
    return rule;
  });

const aVersion = (name: string, version: string, extra: Partial<InstalledVersion> = {}) => ({
  name,
  version,
  capabilities: ['general'],
  compatibleAgents: ['*'],
  ...extra,
});

const installed = [
  aVersion('security-owasp', '1.0.0', { capabilities: ['threat-modeling'] }),
  aVersion('security-owasp', '1.4.0', { capabilities: ['threat-modeling'] }),
  aVersion('security-owasp', '2.0.0', { capabilities: ['threat-modeling'] }),
  aVersion('threat-lite', '1.0.0', { capabilities: ['threat-modeling'] }),
  aVersion('api-documentation', '1.0.0'),
  aVersion('ui-ux-design', '1.0.0', { compatibleAgents: ['uiux'] }),
];

const names = (list: readonly InstalledVersion[]) => list.map((s) => `${s.name}@${s.version}`);

describe(resolveSkills.name, () => {
  it('gives nothing without rules', () => {
    expect(resolveSkills('security', { allow: [], deny: [] }, installed, [])).toEqual([]);
  });

  it.each([
    [['security-owasp'], [], ['security-owasp@2.0.0']],
    [['security-owasp@^1'], [], ['security-owasp@1.4.0']],
    [['security-owasp@1.0.0'], [], ['security-owasp@1.0.0']],
    [['*'], ['threat-lite', 'api-*'], ['security-owasp@2.0.0']],
    [['security-*'], ['security-owasp@>=2'], ['security-owasp@1.4.0']],
    [['ui-ux-design'], [], []], // its manifest does not list the security agent
  ])('allow %j deny %j → %j', (allow, deny, expected) => {
    const resolved = resolveSkills(
      'security',
      { allow: rules(...allow), deny: rules(...deny) },
      installed,
      [],
    );
    expect(names(resolved)).toEqual(expected);
  });

  it('orders by mapped priority and drops a skill whose capabilities a higher one serves', () => {
    const resolved = resolveSkills('security', { allow: rules('*'), deny: [] }, installed, [
      { capability: 'threat-modeling', skill: 'security-owasp', priority: 10 },
      { capability: 'threat-modeling', skill: 'threat-lite', priority: 5 },
      { capability: 'general', skill: 'api-documentation', priority: 20 },
    ]);
    expect(names(resolved)).toEqual(['api-documentation@1.0.0', 'security-owasp@2.0.0']);
  });

  it('never grants through a mapping', () => {
    const resolved = resolveSkills(
      'security',
      { allow: rules('api-documentation'), deny: [] },
      installed,
      [{ capability: 'threat-modeling', skill: 'security-owasp', priority: 100 }],
    );
    expect(names(resolved)).toEqual(['api-documentation@1.0.0']);
  });
});

describe(parseSkillRule.name, () => {
  it.each(['', 'A', '../x', 'x@', 'x@latest', '*x', 'a*b'])('refuses %j', (text) => {
    expect(parseSkillRule(text)).toBeUndefined();
  });
});
