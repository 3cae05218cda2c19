import {
  AllowlistGetV1,
  AllowlistPutV1,
  SkillsGetV1,
  SkillsInstallV1,
  SkillsListV1,
  SkillsUninstallV1,
} from '@agentbus/contracts';
import { ask, QueryFailedError } from '@agentbus/messaging';
import { skillEntries, tgzOf, zipOf } from '../support/archives';
import { startRegistry } from '../support/registry-app';

const meta = { source: 'gateway' as const, correlationId: '00000000-0000-4000-8000-000000000002' };

describe('skills admin queries', () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry.stop());

  const upload = (bytes: Buffer) =>
    ask(
      registry.bus,
      SkillsInstallV1,
      { archiveBase64: bytes.toString('base64'), installedBy: 'key:admin' },
      meta,
    );

  it('installs an uploaded archive, lists it and shows its files', async () => {
    await expect(upload(tgzOf(skillEntries({ version: '1.0.0' })))).resolves.toMatchObject({
      status: 'installed',
      name: 'demo-skill',
      version: '1.0.0',
      files: 2,
    });
    await upload(zipOf(skillEntries({ version: '1.1.0' })));
    const { skills } = await ask(registry.bus, SkillsListV1, {}, meta);
    expect(skills).toEqual([
      expect.objectContaining({
        name: 'demo-skill',
        latest: '1.1.0',
        versions: [
          expect.objectContaining({ version: '1.1.0', installedBy: 'key:admin', source: 'upload' }),
          expect.objectContaining({ version: '1.0.0' }),
        ],
      }),
    ]);
    const detail = await ask(registry.bus, SkillsGetV1, { name: 'demo-skill' }, meta);
    expect(detail.files.map((f) => `${f.version}/${f.path}`)).toEqual([
      '1.0.0/prompt.md',
      '1.0.0/skill.json',
      '1.1.0/prompt.md',
      '1.1.0/skill.json',
    ]);
    expect(detail.agents).toEqual([]);
  });

  it('answers refusals with the reason as the error code', async () => {
    const refused = upload(
      tgzOf([...skillEntries({ version: '2.0.0' }), { name: '../x.md', content: 'x' }]),
    );
    await expect(refused).rejects.toBeInstanceOf(QueryFailedError);
    await expect(refused).rejects.toMatchObject({ code: 'unsafe-path', retryable: false });
    await expect(upload(tgzOf(skillEntries({ version: '0.9.0' })))).rejects.toMatchObject({
      code: 'version-downgrade',
    });
    await expect(ask(registry.bus, SkillsGetV1, { name: 'nope' }, meta)).rejects.toMatchObject({
      code: 'not-found',
      message: 'skill nope is not installed',
    });
  });

  it('sets and shows an allowlist, refusing a bad rule', async () => {
    const put = (allow: string[]) =>
      ask(
        registry.bus,
        AllowlistPutV1,
        { agent: 'qa', allow, deny: [], changedBy: 'key:admin' },
        meta,
      );
    await expect(put(['demo-skill@~1.0'])).resolves.toEqual({
      agent: 'qa',
      allow: ['demo-skill@~1.0'],
      deny: [],
      skills: [{ name: 'demo-skill', version: '1.0.0' }],
    });
    await expect(put(['demo skill'])).rejects.toMatchObject({ code: 'invalid-permissions' });
    await expect(ask(registry.bus, AllowlistGetV1, { agent: 'qa' }, meta)).resolves.toMatchObject({
      allow: ['demo-skill@~1.0'],
    });
  });

  it('uninstalls one version, then the rest', async () => {
    const uninstall = (version?: string) =>
      ask(
        registry.bus,
        SkillsUninstallV1,
        { name: 'demo-skill', ...(version ? { version } : {}), uninstalledBy: 'key:admin' },
        meta,
      );
    await expect(uninstall('1.0.0')).resolves.toEqual({ name: 'demo-skill', versions: ['1.0.0'] });
    await expect(uninstall()).resolves.toEqual({ name: 'demo-skill', versions: ['1.1.0'] });
    await expect(uninstall()).rejects.toMatchObject({ code: 'not-found' });
    expect((await ask(registry.bus, SkillsListV1, {}, meta)).skills).toEqual([]);
  });
});
