import { link, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SkillBundle } from '../../src/bundle/skill-bundle';
import { readArchive } from '../../src/bundle/read-archive';
import { readFolder } from '../../src/bundle/read-folder';
import { type RejectReason, SkillRejectedError } from '../../src/bundle/skill-rejected.error';
import { SkillCatalogService } from '../../src/catalog/skill-catalog.service';
import { skillEntries, tarOf, tgzOf, zipOf } from '../support/archives';
import { startRegistry } from '../support/registry-app';

const LIMITS = {
  maxArchiveBytes: 512_000,
  maxTotalBytes: 2_097_152,
  maxFiles: 64,
  maxFileBytes: 262_144,
};

type Registry = Awaited<ReturnType<typeof startRegistry>>;

describe('hostile skill archives', () => {
  let registry: Registry;
  let catalog: SkillCatalogService;
  let scratch: string;

  beforeAll(async () => {
    registry = await startRegistry();
    catalog = registry.app.get(SkillCatalogService);
    scratch = await mkdtemp(join(tmpdir(), 'skills-hostile-'));
    // Something to leave untouched: two versions already installed.
    await catalog.install(readArchive(tgzOf(skillEntries({ version: '1.0.0' })), LIMITS), 't', 't');
    await catalog.install(readArchive(tgzOf(skillEntries({ version: '1.1.0' })), LIMITS), 't', 't');
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
    await registry.stop();
  });

  /** Reads and installs; the refusal must name `reason` and leave every table byte-for-byte. */
  const expectRefused = async (
    read: () => SkillBundle | Promise<SkillBundle>,
    reason: RejectReason,
    message: RegExp,
  ) => {
    const before = await registry.snapshot();
    const attempt = (async () => catalog.install(await read(), 'upload', 'tests'))();
    await expect(attempt).rejects.toBeInstanceOf(SkillRejectedError);
    await expect(attempt).rejects.toMatchObject({
      reason,
      message: expect.stringMatching(message),
    });
    expect(await registry.snapshot()).toEqual(before);
  };

  const archive = (bytes: Buffer) => () => readArchive(bytes, LIMITS);
  const good = skillEntries({ version: '2.0.0' });

  it.each([
    [
      'a ../ entry',
      tgzOf([...good, { name: '../evil.md', content: 'x' }]),
      'unsafe-path',
      /\.\.\/evil\.md/,
    ],
    [
      'a nested ../ entry',
      tgzOf([...good, { name: 'docs/../../evil.md', content: 'x' }]),
      'unsafe-path',
      /not a plain relative path/,
    ],
    [
      'an absolute path',
      tgzOf([...good, { name: '/etc/cron.d/evil', content: 'x' }]),
      'unsafe-path',
      /\/etc\/cron\.d\/evil/,
    ],
    [
      'a backslash path (zip)',
      zipOf([...good, { name: '..\\evil.md', content: 'x' }]),
      'unsafe-path',
      /evil/,
    ],
    [
      'a drive path (zip)',
      zipOf([...good, { name: 'C:/evil.md', content: 'x' }]),
      'unsafe-path',
      /C:/,
    ],
    [
      'a hidden file',
      tgzOf([...good, { name: '.git/config', content: 'x' }]),
      'unsafe-path',
      /\.git/,
    ],
    [
      'a symlink out of the folder',
      tgzOf([...good, { name: 'passwd', type: '2', linkName: '/etc/passwd' }]),
      'link',
      /symbolic link/,
    ],
    [
      'a hard link out of the folder',
      tgzOf([...good, { name: 'shadow', type: '1', linkName: '../../etc/shadow' }]),
      'link',
      /hard link/,
    ],
    [
      'a symlink in a zip',
      zipOf([...good, { name: 'passwd', content: '/etc/passwd', mode: 0o120777 }]),
      'link',
      /symbolic link/,
    ],
    [
      'a character device',
      tgzOf([...good, { name: 'null', type: '3' }]),
      'special-file',
      /character device/,
    ],
    ['a FIFO', tarOf([...good, { name: 'pipe', type: '6' }]), 'special-file', /FIFO/],
    [
      'a pax path that climbs out',
      tgzOf([
        { name: 'PaxHeader', type: 'x', content: '21 path=../../x.md\n' },
        { name: 'ok.md', content: 'x' },
        ...good,
      ]),
      'unsafe-path',
      /\.\.\/\.\.\/x\.md/,
    ],
    [
      'an oversized file',
      tgzOf([...good, { name: 'big.md', content: Buffer.alloc(LIMITS.maxFileBytes + 1, 97) }]),
      'too-large',
      /big\.md is larger than 262144 bytes/,
    ],
    [
      'too many files',
      tgzOf([
        ...good,
        ...Array.from({ length: 63 }, (_, i) => ({ name: `f${i}.md`, content: 'x' })),
      ]),
      'too-many-files',
      /more than 64 files/,
    ],
    [
      'a zip bomb',
      zipOf([...good, { name: 'bomb.md', content: Buffer.alloc(50_000_000) }]),
      'too-large',
      /bomb\.md is larger than 262144 bytes/,
    ],
    [
      'a zip bomb that lies about its size',
      zipOf([...good, { name: 'bomb.md', content: Buffer.alloc(50_000_000), declaredSize: 100 }]),
      'too-large',
      /bomb\.md inflates past 262144 bytes/,
    ],
    ['a gzip bomb', gzipBomb(), 'too-large', /archive inflates past/],
    [
      'an upload over the archive limit',
      Buffer.alloc(LIMITS.maxArchiveBytes + 1),
      'too-large',
      /SKILLS_MAX_ARCHIVE_BYTES/,
    ],
    [
      'a duplicate entry',
      tgzOf([...good, { name: 'prompt.md', content: 'again' }]),
      'invalid-archive',
      /appears twice/,
    ],
    [
      'something that is no archive',
      Buffer.from('#!/bin/sh\nrm -rf /\n'.repeat(40)),
      'invalid-archive',
      /not a \.tgz, \.tar or \.zip/,
    ],
    ['a truncated tar', tarOf(good).subarray(0, 700), 'invalid-archive', /past the end|end marker/],
    [
      'a manifest without a description',
      tgzOf(skillEntries({ version: '2.0.0', description: undefined })),
      'invalid-manifest',
      /description: is required/,
    ],
    [
      'a manifest that is not JSON',
      tgzOf([
        { name: 'skill.json', content: '{oops' },
        { name: 'prompt.md', content: 'x' },
      ]),
      'invalid-manifest',
      /not valid JSON/,
    ],
    [
      'a name with path characters',
      tgzOf(skillEntries({ name: '../../etc', version: '2.0.0' })),
      'invalid-manifest',
      /name: must be/,
    ],
    [
      'an entry prompt that is missing',
      tgzOf(skillEntries({ version: '2.0.0', entry: 'missing.md' }).slice(0, 1)),
      'invalid-manifest',
      /entry: missing\.md is not in the skill folder/,
    ],
    [
      'no manifest at all',
      tgzOf([{ name: 'prompt.md', content: 'x' }]),
      'invalid-manifest',
      /skill\.json is missing/,
    ],
    [
      'a version downgrade',
      tgzOf(skillEntries({ version: '1.0.5' })),
      'version-downgrade',
      /older than the installed 1\.1\.0/,
    ],
    [
      'other content under an installed version',
      tgzOf(skillEntries({ version: '1.1.0' }, '', 'changed')),
      'version-exists',
      /installed with other content/,
    ],
  ] as const)('refuses %s', async (_case, bytes, reason, message) => {
    await expectRefused(archive(bytes), reason, message);
  });

  it('refuses a folder with a symlink that escapes it', async () => {
    const dir = join(scratch, 'symlinked');
    await mkdir(dir);
    await writeSkill(dir);
    await symlink('/etc/passwd', join(dir, 'passwd.md'));
    await expectRefused(() => readFolder(dir, LIMITS), 'link', /passwd\.md is a symbolic link/);
  });

  it('refuses a folder with a hard link', async () => {
    const dir = join(scratch, 'hardlinked');
    await mkdir(dir);
    await writeSkill(dir);
    await writeFile(join(scratch, 'outside.md'), 'secret');
    await link(join(scratch, 'outside.md'), join(dir, 'inside.md'));
    await expectRefused(() => readFolder(dir, LIMITS), 'link', /inside\.md is a hard link/);
  });

  it('lets exactly one of two racing installs of one version with different content win', async () => {
    const before = await registry.snapshot();
    const results = await Promise.allSettled([
      catalog.install(
        readArchive(tgzOf(skillEntries({ version: '3.0.0' }, '', 'A')), LIMITS),
        'u',
        'a',
      ),
      catalog.install(
        readArchive(tgzOf(skillEntries({ version: '3.0.0' }, '', 'B')), LIMITS),
        'u',
        'b',
      ),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected');
    expect(lost?.reason).toMatchObject({ reason: 'version-exists' });
    const after = await registry.snapshot();
    expect(after['skill_versions']).toHaveLength((before['skill_versions']?.length ?? 0) + 1);
    expect(after['outbox']).toHaveLength((before['outbox']?.length ?? 0) + 1);
  });

  it('installs the same content twice as one version and one event', async () => {
    const bytes = tgzOf(skillEntries({ version: '4.0.0' }, 'demo-skill/'));
    const results = await Promise.all([
      catalog.install(readArchive(bytes, LIMITS), 'u', 'a'),
      catalog.install(readArchive(bytes, LIMITS), 'u', 'b'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['installed', 'unchanged']);
    const before = await registry.snapshot();
    await expect(
      catalog.install(readArchive(zipOf(skillEntries({ version: '4.0.0' })), LIMITS), 'u', 'c'),
    ).resolves.toMatchObject({ status: 'unchanged' });
    expect(await registry.snapshot()).toEqual(before);
  });
});

function gzipBomb(): Buffer {
  // 3 MB of zeros in one file compresses to about 3 KB, under every archive limit.
  return tgzOf([
    ...skillEntries({ version: '2.0.0' }),
    { name: 'zeros.md', content: Buffer.alloc(3_000_000) },
  ]);
}

async function writeSkill(dir: string): Promise<void> {
  for (const entry of skillEntries({ version: '5.0.0' })) {
    await writeFile(join(dir, entry.name), entry.content ?? '');
  }
}
