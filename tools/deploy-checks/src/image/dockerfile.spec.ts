import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { type AppConfigLoader, appConfigOf } from './app-config';
import {
  type Dockerfile,
  DockerfileSyntaxError,
  effectiveInstructions,
  environmentOf,
  labelsOf,
  lastOf,
  lineage,
  parseDockerfile,
  type Stage,
  stageNamed,
  workdirOf,
} from './dockerfile';
import { buildOutputOf, readRepoFile, REPO_ROOT, serviceApps } from './workspace';

// The real plugin needs a running Nx project graph; its options are all these checks read.
jest.mock('@nx/webpack/app-plugin', () => ({
  NxAppWebpackPlugin: class {
    constructor(readonly options: unknown) {}
  },
}));

const dockerfile = parseDockerfile(readRepoFile('Dockerfile'));
const APPS = serviceApps();

const stageOrFail = (name: string): Stage => {
  const stage = stageNamed(dockerfile, name);
  if (stage === undefined) throw new Error(`the Dockerfile has no stage "${name}"`);
  return stage;
};

/** The stage a `COPY --from` names, resolved like BuildKit does (by name). */
const copiesFrom = (stage: Stage, from: string) =>
  stage.instructions.filter((i) => i.keyword === 'COPY' && i.flags['from'] === from);

describe('Dockerfile', () => {
  const configs = new Map<string, AppConfigLoader>();
  // The first load brings in Nest, TypeORM and the NATS client through service-runtime: slow once.
  beforeAll(async () => {
    for (const app of APPS) configs.set(app, await appConfigOf(app));
  }, 120_000);

  it('is found for the six services of DESIGN §3', () => {
    expect(APPS).toEqual([
      'cpu-agent-worker',
      'gateway',
      'gpu-job-controller',
      'master-orchestrator',
      'memory-service',
      'skills-registry',
    ]);
  });

  it('builds the image of the app named by the APP build argument', () => {
    expect(dockerfile.globalArgs.has('APP')).toBe(true);
    expect(dockerfile.globalArgs.get('APP')).toBeUndefined(); // no silent default app
    expect(dockerfile.stages.at(-1)?.base).toBe('runtime-${APP}');
    const build = stageOrFail('build');
    const runs = effectiveInstructions(dockerfile, build).filter((i) => i.keyword === 'RUN');
    expect(runs.map((r) => r.args).join('\n')).toMatch(/npx nx run "?\$\{APP\}:build"?/);
  });

  it('runs on a Node 22 or 24 LTS slim image, 22 by default', () => {
    expect(['22', '24']).toContain(dockerfile.globalArgs.get('NODE_VERSION'));
    const runtime = lineage(dockerfile, stageOrFail('runtime-gateway')).at(-1) as Stage;
    expect(runtime.base).toMatch(/^node:\$\{NODE_VERSION\}-[a-z]+-slim$/);
  });

  it('installs only production dependencies into the runtime image', () => {
    const runtime = stageOrFail('runtime');
    const [modules] = runtime.instructions.filter(
      (i) => i.keyword === 'COPY' && i.args.includes('node_modules'),
    );
    const from = stageOrFail(modules?.flags['from'] ?? '(no COPY of node_modules)');
    const install = from.instructions.find((i) => i.keyword === 'RUN' && /npm ci/.test(i.args));
    expect(install?.args).toMatch(/--omit=dev/);
    // The dev tree of the build stage never reaches the runtime image.
    const everyCopy = APPS.flatMap((app) =>
      lineage(dockerfile, stageOrFail(`runtime-${app}`)).flatMap((s) =>
        s.instructions.filter((i) => i.keyword === 'COPY' && i.flags['from'] !== undefined),
      ),
    );
    for (const copy of everyCopy.filter((c) => c.flags['from'] === 'build')) {
      expect(copy.args).toMatch(/^\S*\/dist\/apps\/[a-z-]+\s/);
    }
  });

  it('runs as a numeric non-root user, so runAsNonRoot can verify it', () => {
    for (const app of APPS) {
      const user = lastOf(dockerfile, stageOrFail(`runtime-${app}`), 'USER');
      const match = /^(\d+)(?::(\d+))?$/.exec(user?.args ?? '');
      expect(match).not.toBeNull();
      expect(Number(match?.[1])).toBeGreaterThan(0);
      expect(Number(match?.[2] ?? 1)).toBeGreaterThan(0);
    }
  });

  it('lets SIGTERM reach node: exec forms only, under an init that forwards signals', () => {
    for (const app of APPS) {
      const stage = stageOrFail(`runtime-${app}`);
      const entrypoint = lastOf(dockerfile, stage, 'ENTRYPOINT');
      const cmd = lastOf(dockerfile, stage, 'CMD');
      expect(entrypoint?.exec).toEqual(['/usr/bin/tini', '--']);
      expect(cmd?.exec?.[0]).toBe('node');
    }
    const installsTini = stageOrFail('runtime').instructions.some(
      (i) => i.keyword === 'RUN' && /apt-get install[^&]*\btini\b/.test(i.args),
    );
    expect(installsTini).toBe(true);
  });

  it('has a writable TMPDIR for a read-only root filesystem and carries the OCI labels', () => {
    const runtime = stageOrFail('runtime');
    expect(environmentOf(dockerfile, runtime).get('TMPDIR')).toBe('/tmp');
    const labels = labelsOf(dockerfile, stageOrFail('runtime-gateway'));
    for (const key of ['title', 'description', 'source', 'version', 'revision', 'created']) {
      expect(labels.has(`org.opencontainers.image.${key}`)).toBe(true);
    }
  });

  describe.each(APPS)('%s stage', (app) => {
    const stage = stageOrFail(`runtime-${app}`);

    it("starts the app's webpack bundle, copied from where the Nx build writes it", async () => {
      const output = await buildOutputOf(app);
      expect(output.dir).toBe(`dist/apps/${app}`);
      expect(output.declaredOutputs).toContain(output.dir);
      const cmd = lastOf(dockerfile, stage, 'CMD')?.exec ?? [];
      const started = posix.resolve(workdirOf(dockerfile, stage), cmd[1] ?? '');
      const [copy] = copiesFrom(stage, 'build');
      const [source, target] = (copy?.args ?? '').split(/\s+/);
      const buildDir = workdirOf(dockerfile, stageOrFail('build'));
      expect(posix.relative(buildDir, source ?? '')).toBe(output.dir);
      const copiedTo = posix.resolve(workdirOf(dockerfile, stage), target ?? '');
      expect(started).toBe(posix.join(copiedTo, output.fileName));
      expect(existsSync(join(REPO_ROOT, 'apps', app, 'src/main.ts'))).toBe(true);
    });

    it('listens, exposes and health-checks the port the app listens on by default', () => {
      const defaultPort = configs.get(app)?.load({})['HTTP_PORT'];
      expect(typeof defaultPort).toBe('number');
      expect(environmentOf(dockerfile, stage).get('HTTP_PORT')).toBe(String(defaultPort));
      expect(lastOf(dockerfile, stage, 'EXPOSE')?.args).toBe(String(defaultPort));
      const probe = lastOf(dockerfile, stage, 'HEALTHCHECK')?.exec ?? [];
      expect(probe[0]).toBe('node');
      expect(probe.join(' ')).toMatch(
        /http:\/\/127\.0\.0\.1:' \+ process\.env\.HTTP_PORT \+ '\/healthz'/,
      );
    });
  });
});

describe(parseDockerfile.name, () => {
  it('joins continuations, reads flags and exec forms, and skips comments', () => {
    const sut: Dockerfile = parseDockerfile(
      [
        'ARG V=1',
        'FROM base:${V} AS one',
        '# a comment',
        'RUN a \\',
        '  # dropped inside a continuation',
        '  && b',
        'COPY --from=zero --chown=1:1 /x /y',
        'HEALTHCHECK --interval=5s \\',
        '  CMD ["node", "-e", "0"]',
      ].join('\n'),
    );
    expect(sut.globalArgs.get('V')).toBe('1');
    const [run, copy, healthcheck] = sut.stages[0]?.instructions ?? [];
    expect(run?.args).toBe('a && b');
    expect(copy?.flags).toEqual({ from: 'zero', chown: '1:1' });
    expect(healthcheck?.exec).toEqual(['node', '-e', '0']);
  });

  it('refuses what it cannot read, instead of checking something else', () => {
    expect(() => parseDockerfile('RUN x')).toThrow(DockerfileSyntaxError);
    expect(() => parseDockerfile('FROM a\nCMD ["node",')).toThrow(/JSON array/);
  });
});
