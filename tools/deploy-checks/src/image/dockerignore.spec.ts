import { join } from 'node:path';
import { dockerignore } from './dockerignore';
import { bundleInputsOf } from './runtime-packages';
import { readRepoFile, REPO_ROOT, serviceApps } from './workspace';

describe('.dockerignore', () => {
  const ignored = dockerignore(readRepoFile('.dockerignore'));

  it('keeps every file an app build reads in the build context', () => {
    const buildFiles = [
      'package.json',
      'package-lock.json',
      'nx.json',
      'tsconfig.base.json',
      'tools/webpack/app-config.js',
      ...serviceApps().flatMap((app) => [
        `apps/${app}/project.json`,
        `apps/${app}/webpack.config.js`,
        `apps/${app}/tsconfig.app.json`,
        ...bundleInputsOf(join(REPO_ROOT, 'apps', app, 'src/main.ts')).files,
      ]),
    ];
    expect(buildFiles.length).toBeGreaterThan(100);
    expect(buildFiles.filter(ignored)).toEqual([]);
  });

  it('keeps out local installs, build output, secrets, VCS data and tests', () => {
    for (const path of [
      'node_modules/zod/package.json',
      'libs/llm/node_modules/x/index.js',
      'dist/apps/gateway/main.js',
      '.nx/cache/x',
      '.git/HEAD',
      '.env',
      'deploy/compose/.env',
      '.services/admin.key',
      'apps/gateway/src/config.spec.ts',
      'libs/persistence/test/integration/outbox.int-spec.ts',
    ]) {
      expect([path, ignored(path)]).toEqual([path, true]);
    }
  });
});

describe(dockerignore.name, () => {
  it('matches directories with their contents, ** at any depth, and lets ! take paths back', () => {
    const sut = dockerignore('# c\n/build\n**/*.tmp\nlogs/*\n!logs/keep.txt\n');
    expect(sut('build/a/b')).toBe(true);
    expect(sut('src/build')).toBe(false);
    expect(sut('a/b/c.tmp')).toBe(true);
    expect(sut('c.tmp')).toBe(true);
    expect(sut('logs/x.txt')).toBe(true);
    expect(sut('logs/keep.txt')).toBe(false);
    expect(sut('src/main.ts')).toBe(false);
  });
});
