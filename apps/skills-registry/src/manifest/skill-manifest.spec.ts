import { AGENT_IDS } from '@agentbus/contracts';
import { SkillRejectedError } from '../bundle/skill-rejected.error';
import { parseManifest, SKILL_MANIFEST_SCHEMA } from './skill-manifest';

const aManifest = (overrides: Record<string, unknown> = {}): Buffer =>
  Buffer.from(
    JSON.stringify({
      name: 'system-architecture',
      version: '1.0.0',
      description: 'Architecture guidance',
      author: 'Agent Bus',
      entry: 'prompt.md',
      capabilities: ['architecture'],
      compatibleAgents: ['architect'],
      license: 'Apache-2.0',
      ...overrides,
    }),
  );

const rejection = (bytes: Buffer): string => {
  try {
    parseManifest(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(SkillRejectedError);
    expect((error as SkillRejectedError).reason).toBe('invalid-manifest');
    return (error as Error).message;
  }
  throw new Error('manifest was accepted');
};

describe(parseManifest.name, () => {
  it('accepts a complete manifest', () => {
    expect(parseManifest(aManifest({ tags: ['design'] })).name).toBe('system-architecture');
  });

  it.each([
    [{ name: '../etc' }, 'name: must be 1-64 lower-case letters'],
    [{ name: 'a/b' }, 'no path characters'],
    [{ version: '1.0' }, 'version: must be a semantic version such as 1.2.0'],
    [{ version: '01.0.0' }, 'version: must be a semantic version'],
    [{ entry: '../prompt.md' }, 'entry: must be a relative .md or .txt path'],
    [{ entry: '/etc/passwd.md' }, 'entry: must be a relative'],
    [{ capabilities: [] }, 'capabilities: must NOT have fewer than 1 items'],
    [{ capabilities: ['ok', 'Bad Cap'] }, 'capabilities[1]: must be lower-case letters'],
    [{ compatibleAgents: ['wizard'] }, 'compatibleAgents[0]: must be one of *, prd'],
    [{ license: 7 }, 'license: must be string'],
    [{ extra: true }, 'extra: is not a manifest field'],
    [{ description: undefined }, 'description: is required'],
  ])('names the field of %j', (overrides, message) => {
    expect(rejection(aManifest(overrides))).toContain(message);
  });

  it('lists every invalid field at once', () => {
    const message = rejection(aManifest({ name: 'A', version: 'x', author: undefined }));
    for (const field of ['name: ', 'version: ', 'author: is required']) {
      expect(message).toContain(field);
    }
  });

  it('refuses text that is not JSON', () => {
    expect(rejection(Buffer.from('{"name": '))).toContain('skill.json is not valid JSON');
  });

  it('publishes the same agents as the contracts', () => {
    const agents = SKILL_MANIFEST_SCHEMA.properties.compatibleAgents.items.enum;
    expect(agents).toEqual(['*', ...AGENT_IDS]);
  });
});
