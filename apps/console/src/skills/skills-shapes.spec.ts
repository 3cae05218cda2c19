import { agentSkillsOf, installedSkillsOf, rulesOf } from './skills-shapes';

describe(installedSkillsOf.name, () => {
  it('reads each skill with its latest version and description', () => {
    const answer = {
      skills: [
        {
          name: 'security-owasp',
          latest: '1.2.0',
          versions: [
            { version: '1.2.0', description: 'OWASP checks' },
            { version: '1.0.0', description: 'old' },
          ],
        },
      ],
    };
    expect(installedSkillsOf(answer)).toEqual([
      {
        name: 'security-owasp',
        latest: '1.2.0',
        description: 'OWASP checks',
        versions: ['1.2.0', '1.0.0'],
      },
    ]);
    expect(installedSkillsOf({})).toEqual([]);
  });
});

describe(agentSkillsOf.name, () => {
  it("reads an agent's rules and the skills they give it", () => {
    expect(
      agentSkillsOf({
        agent: 'qa',
        allow: ['*', 7],
        deny: ['security-owasp'],
        skills: [{ name: 'api-documentation', version: '1.0.0' }],
      }),
    ).toEqual({ allow: ['*'], deny: ['security-owasp'], skills: ['api-documentation@1.0.0'] });
  });
});

describe(rulesOf.name, () => {
  it('splits on commas and lines, dropping blanks', () => {
    expect(rulesOf(' a, b@^1\n\n prefix-* ,')).toEqual(['a', 'b@^1', 'prefix-*']);
  });
});
