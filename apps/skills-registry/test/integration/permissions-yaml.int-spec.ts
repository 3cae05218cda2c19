import { PermissionsExportV1, PermissionsImportV1 } from '@agentbus/contracts';
import { ask } from '@agentbus/messaging';
import { parse } from 'yaml';
import { startRegistry } from '../support/registry-app';

const meta = { source: 'gateway' as const, correlationId: '00000000-0000-4000-8000-000000000003' };

describe('permissions as YAML over request/reply', () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  beforeAll(async () => {
    registry = await startRegistry({ SKILLS_INSTALL_SHIPPED: 'true' });
  });
  afterAll(() => registry.stop());

  const exported = async () => (await ask(registry.bus, PermissionsExportV1, {}, meta)).yaml;
  const imported = (yaml: string) =>
    ask(registry.bus, PermissionsImportV1, { yaml, changedBy: 'key:admin' }, meta);

  it('exports the default allowlist, and importing the export changes nothing', async () => {
    const yaml = await exported();
    expect(parse(yaml)).toMatchObject({
      agents: {
        architect: { allow: ['api-documentation', 'system-architecture'], deny: [] },
        security: { allow: ['security-owasp'], deny: [] },
      },
    });
    const before = await registry.snapshot();
    await expect(imported(yaml)).resolves.toEqual({ agents: 6, capabilities: 0 });
    const after = await registry.snapshot();
    // Rules and mappings are byte-for-byte the same (the outbox gains the announcements).
    expect(after['agent_skill_allowlist']).toEqual(before['agent_skill_allowlist']);
    expect(after['capability_skills']).toEqual(before['capability_skills']);
    expect(await exported()).toBe(yaml);
  });

  it('replaces every allowlist and mapping with the document', async () => {
    const yaml = [
      'agents:',
      '  security:',
      '    allow: ["security-*"]',
      '    deny: [weather-toolkit]',
      'capabilities:',
      '  - { capability: security, skill: security-owasp, priority: 5 }',
    ].join('\n');
    await expect(imported(yaml)).resolves.toEqual({ agents: 1, capabilities: 1 });
    expect(parse(await exported())).toEqual({
      agents: { security: { allow: ['security-*'], deny: ['weather-toolkit'] } },
      capabilities: [{ capability: 'security', skill: 'security-owasp', priority: 5 }],
    });
  });

  it('refuses a bad document naming line and field, and leaves every table as it was', async () => {
    const before = await registry.snapshot();
    const bad = ['agents:', '  architect:', '    allow: [system-architecture]', '    alow: [x]'];
    await expect(imported(bad.join('\n'))).rejects.toMatchObject({
      code: 'invalid-permissions',
      message: 'line 4: agents.architect.alow: is not a field of this document',
    });
    await expect(imported('agents: {}\nagents: {}')).rejects.toMatchObject({
      code: 'invalid-permissions',
      message: expect.stringMatching(/line 2/),
    });
    expect(await registry.snapshot()).toEqual(before);
  });
});
