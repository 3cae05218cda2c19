import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SkillsInstallGitV1, SkillsListV1 } from '@agentbus/contracts';
import { ask } from '@agentbus/messaging';
import { skillEntries } from '../support/archives';
import { startRegistry } from '../support/registry-app';

const meta = { source: 'gateway' as const, correlationId: '00000000-0000-4000-8000-000000000004' };

const git = (cwd: string, ...args: string[]): string =>
  execFileSync(
    'git',
    [
      '-c',
      'user.name=tests',
      '-c',
      'user.email=tests@example.org',
      '-c',
      'init.defaultBranch=main',
      ...args,
    ],
    {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'], HOME: cwd, GIT_CONFIG_NOSYSTEM: '1' },
    },
  ).trim();

/** A bare repository (served over file://) whose main branch holds `files`; returns its URL. */
function bareRepo(
  root: string,
  name: string,
  files: Record<string, string>,
  link?: [string, string],
) {
  const work = join(root, `${name}-work`);
  mkdirSync(work, { recursive: true });
  git(work, 'init', '-q');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), content);
  }
  if (link) symlinkSync(link[1], join(work, link[0]));
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'skill');
  git(root, 'clone', '-q', '--bare', work, `${name}.git`);
  return { url: `file://${join(root, `${name}.git`)}`, work, head: git(work, 'rev-parse', 'HEAD') };
}

const filesOf = (manifest: Record<string, unknown>) =>
  Object.fromEntries(skillEntries(manifest).map((e) => [e.name, String(e.content)]));

describe('install from git (local bare repositories over file://)', () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  let root: string;
  const install = (url: string, ref?: string) =>
    ask(
      registry.bus,
      SkillsInstallGitV1,
      { url, ...(ref === undefined ? {} : { ref }), installedBy: 'key:admin' },
      meta,
    );

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'skills-git-'));
    registry = await startRegistry({
      SKILLS_GIT_HOSTS: 'git.example.org',
      SKILLS_GIT_ALLOW_FILE_URLS: 'true',
      SKILLS_GIT_TIMEOUT_MS: '60000',
    });
  });
  afterAll(async () => {
    await registry.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('installs the default branch, records the commit, and installs a tag as a new version', async () => {
    const repo = bareRepo(root, 'demo', filesOf({ name: 'git-skill', version: '1.0.0' }));
    await expect(install(repo.url)).resolves.toEqual({
      status: 'installed',
      name: 'git-skill',
      version: '1.0.0',
      sha256: expect.stringMatching(/^[a-f0-9]{64}$/),
      files: 2,
      commit: repo.head,
    });
    writeFileSync(
      join(repo.work, 'skill.json'),
      filesOf({ name: 'git-skill', version: '1.1.0' })['skill.json'] ?? '',
    );
    git(repo.work, 'commit', '-q', '-am', 'v1.1.0');
    git(repo.work, 'tag', 'v1.1.0');
    git(repo.work, 'push', '-q', join(root, 'demo.git'), 'main', 'v1.1.0');
    await expect(install(repo.url, 'v1.1.0')).resolves.toMatchObject({ version: '1.1.0' });
    const { skills } = await ask(registry.bus, SkillsListV1, {}, meta);
    expect(skills.find((s) => s.name === 'git-skill')?.versions[1]).toMatchObject({
      version: '1.0.0',
      source: `git ${repo.url}@${repo.head}`,
    });
  });

  it.each([
    [
      'a host not on SKILLS_GIT_HOSTS',
      'https://github.com/acme/skill.git',
      'git-host-refused',
      /github\.com is not an allowed git host/,
    ],
    [
      'credentials in the URL',
      'https://me:secret@git.example.org/skill.git',
      'git-url-refused',
      /credentials/,
    ],
    [
      'a transport other than https',
      'ssh://git.example.org/skill.git',
      'git-url-refused',
      /only https/,
    ],
    [
      'a repository that is not there',
      'file:///nonexistent/skill.git',
      'git-failed',
      /git clone failed/,
    ],
  ])('refuses %s, changing nothing', async (_case, url, code, message) => {
    const before = await registry.snapshot();
    await expect(install(url)).rejects.toMatchObject({
      code,
      message: expect.stringMatching(message),
    });
    expect(await registry.snapshot()).toEqual(before);
  });

  it('holds a checkout to the folder rules: a symlink out of the skill is refused', async () => {
    const repo = bareRepo(root, 'linked', filesOf({ name: 'linked-skill' }), [
      'notes.md',
      '/etc/passwd',
    ]);
    const before = await registry.snapshot();
    await expect(install(repo.url)).rejects.toMatchObject({
      code: 'link',
      message: 'notes.md is a symbolic link',
    });
    expect(await registry.snapshot()).toEqual(before);
  });

  it("refuses an unknown ref with git's reason", async () => {
    const repo = bareRepo(root, 'refs', filesOf({ name: 'ref-skill' }));
    await expect(install(repo.url, 'no-such-branch')).rejects.toMatchObject({
      code: 'git-failed',
      message: expect.stringContaining('no-such-branch'),
    });
  });
});

describe('install from git under tight limits', () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'skills-git-big-'));
    registry = await startRegistry({
      SKILLS_GIT_ALLOW_FILE_URLS: 'true',
      SKILLS_MAX_TOTAL_BYTES: '1024',
    });
  });
  afterAll(async () => {
    await registry.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses a repository over the size bound as too-large, changing nothing', async () => {
    // Random bytes do not compress: the pack alone is over the clone's bound (2 x 1 KiB + 1 MiB).
    const repo = bareRepo(root, 'big', {
      ...filesOf({ name: 'big-skill' }),
      'data.bin': randomBytes(3 * 1_048_576).toString('base64'),
    });
    const before = await registry.snapshot();
    await expect(
      ask(registry.bus, SkillsInstallGitV1, { url: repo.url, installedBy: 'key:admin' }, meta),
    ).rejects.toMatchObject({ code: 'too-large' });
    expect(await registry.snapshot()).toEqual(before);
  });
});
