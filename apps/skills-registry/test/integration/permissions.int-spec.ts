import { AllowlistChangedV1, SkillInstalledV1, SkillsResolveV1 } from '@agentbus/contracts';
import { ask } from '@agentbus/messaging';
import { eventually } from '@agentbus/testing';
import { parse } from 'yaml';
import { readArchive } from '../../src/bundle/read-archive';
import { SkillCatalogService } from '../../src/catalog/skill-catalog.service';
import { PermissionsService } from '../../src/permissions/permissions.service';
import { ShippedSkillsInstaller } from '../../src/shipped/shipped-skills.installer';
import { skillEntries, tgzOf } from '../support/archives';
import { SHIPPED_DIR, startRegistry } from '../support/registry-app';

const LIMITS = {
  maxArchiveBytes: 512_000,
  maxTotalBytes: 2_097_152,
  maxFiles: 64,
  maxFileBytes: 262_144,
};
const meta = { source: 'gateway' as const, correlationId: '00000000-0000-4000-8000-000000000001' };

describe('skills permissions and resolve', () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  const resolve = async (agent: 'architect' | 'security' | 'prd' | 'developer') =>
    (await ask(registry.bus, SkillsResolveV1, { agent }, meta)).skills;

  beforeAll(async () => {
    registry = await startRegistry({ SKILLS_INSTALL_SHIPPED: 'true' });
  });
  afterAll(() => registry.stop());

  it('installs the five shipped skills at start and grants them by the default allowlist', async () => {
    const { rows } = await registry.pg.query(
      `SELECT name, version FROM "${registry.schema}".skill_versions ORDER BY name`,
    );
    expect(rows.map((r: { name: string }) => r.name)).toEqual([
      'api-documentation',
      'security-owasp',
      'system-architecture',
      'ui-ux-design',
      'weather-toolkit',
    ]);
    const architect = await resolve('architect');
    expect(architect.map((s) => s.name).sort()).toEqual([
      'api-documentation',
      'system-architecture',
    ]);
    expect(architect.find((s) => s.name === 'system-architecture')?.prompt).toContain(
      'quality attributes',
    );
    expect((await resolve('security')).map((s) => s.name)).toEqual(['security-owasp']);
    expect(await resolve('prd')).toEqual([]);
  });

  it("installs them again as a no-op, keeping an operator's changes", async () => {
    const permissions = registry.app.get(PermissionsService);
    await permissions.setAllowlist('security', { allow: [], deny: [] }, 'key:admin');
    const before = await registry.snapshot();
    await registry.app.get(ShippedSkillsInstaller).install(SHIPPED_DIR);
    expect(await registry.snapshot()).toEqual(before);
    expect(await resolve('security')).toEqual([]);
    await permissions.setAllowlist('security', { allow: ['security-owasp@^1'] }, 'key:admin');
  });

  it('gives a new skill to no agent, and announces installs and allowlist changes', async () => {
    const catalog = registry.app.get(SkillCatalogService);
    await catalog.install(
      readArchive(tgzOf(skillEntries({ name: 'fresh', compatibleAgents: ['*'] })), LIMITS),
      'upload',
      'key:admin',
    );
    for (const agent of ['architect', 'security', 'prd', 'developer'] as const) {
      expect((await resolve(agent)).map((s) => s.name)).not.toContain('fresh');
    }
    const { rows } = await registry.pg.query(
      `SELECT subject, envelope FROM "${registry.schema}".outbox ORDER BY created_at DESC LIMIT 2`,
    );
    expect(rows[0]).toMatchObject({
      subject: SkillInstalledV1.subject,
      envelope: { data: { name: 'fresh' } },
    });
    expect(rows[1]).toMatchObject({
      subject: AllowlistChangedV1.subject,
      envelope: { data: { agent: 'security', skills: ['security-owasp'], changedBy: 'key:admin' } },
    });
  });

  it('refuses a bad rule naming it, and changes nothing', async () => {
    const before = await registry.snapshot();
    await expect(
      registry.app
        .get(PermissionsService)
        .setAllowlist('architect', { allow: ['ok', '../x'] }, 'k'),
    ).rejects.toThrow(/allow\.1: must be a skill name, name@range/);
    expect(await registry.snapshot()).toEqual(before);
  });

  it('exports and imports the permissions as YAML, deny winning over allow', async () => {
    const permissions = registry.app.get(PermissionsService);
    const exported = parse(await permissions.exportYaml()) as { agents: Record<string, unknown> };
    expect(exported.agents['architect']).toEqual({
      allow: ['api-documentation', 'system-architecture'],
      deny: [],
    });
    await permissions.importYaml(
      [
        'agents:',
        '  developer:',
        "    allow: ['*']",
        '    deny: [weather-toolkit, fresh]',
        'capabilities:',
        '  - { capability: api-design, skill: api-documentation, priority: 50 }',
      ].join('\n'),
      'key:admin',
    );
    const developer = await resolve('developer');
    expect(developer.map((s) => s.name)).toEqual([
      'api-documentation',
      'security-owasp',
      'system-architecture',
      'ui-ux-design',
    ]);
    expect(await resolve('architect')).toEqual([]); // absent from the document: no rules now
    await expect(permissions.importYaml('agents: [1', 'k')).rejects.toThrow(/not YAML/);
    await expect(permissions.importYaml('agents:\n  wizard: {}', 'k')).rejects.toThrow(/agents/);
  });

  it('uninstalling announces the agents that lose the skill', async () => {
    await registry.app.get(SkillCatalogService).uninstall('ui-ux-design', '1.0.0', 'key:admin');
    await eventually(async () => {
      const { rows } = await registry.pg.query(
        `SELECT envelope FROM "${registry.schema}".outbox ORDER BY created_at DESC LIMIT 1`,
      );
      expect(rows[0]).toMatchObject({
        envelope: { data: { agent: 'developer', changedBy: 'key:admin' } },
      });
    });
    expect((await resolve('developer')).map((s) => s.name)).not.toContain('ui-ux-design');
    await expect(
      registry.app.get(SkillCatalogService).uninstall('ui-ux-design', undefined, 'k'),
    ).rejects.toThrow(/ui-ux-design is not installed/);
  });
});
