import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '../../../..');
const WORKFLOWS = join(ROOT, '.github/workflows');

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly 'runs-on'?: unknown;
  readonly steps?: readonly Step[];
  readonly needs?: string | readonly string[];
  readonly strategy?: { readonly matrix?: Record<string, unknown> };
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly jobs: Record<string, Job>;
}

const load = (file: string): Workflow =>
  parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as Workflow;
const ci = load('ci.yml');
const release = load('release.yml');
const runs = (job: Job | undefined): string =>
  (job?.steps ?? []).map((s) => s.run ?? '').join('\n');
const uses = (job: Job | undefined): string[] =>
  (job?.steps ?? []).flatMap((s) => (s.uses ? [s.uses] : []));

// A marketplace action at a release tag (v4, v1.2.3) or a full commit SHA; a docker:// image at a
// tag or digest. Never a branch (@main) or nothing at all.
const PINNED =
  /^([\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})|\.\/.+|docker:\/\/[^:@\s]+(:[\w.-]+|@sha256:[0-9a-f]{64}))$/;

describe('.github/workflows', () => {
  const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

  it('holds ci.yml and release.yml', () => {
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']));
  });

  describe.each(files)('%s', (file) => {
    const workflow = load(file);
    const jobs = Object.entries(workflow.jobs);

    it.each(jobs)('job %s runs somewhere and has steps, each a run or a uses', (_name, job) => {
      expect(job['runs-on']).toBeTruthy();
      expect(job.steps?.length ?? 0).toBeGreaterThan(0);
      for (const step of job.steps ?? []) {
        expect(Boolean(step.run) !== Boolean(step.uses)).toBe(true);
      }
    });

    it('pins every action to a version tag or a commit SHA', () => {
      const all = jobs.flatMap(([, job]) => uses(job));
      expect(all.filter((u) => !PINNED.test(u))).toEqual([]);
    });

    it('needs only jobs that exist', () => {
      const names = new Set(jobs.map(([name]) => name));
      for (const [, job] of jobs) {
        const needs = job.needs === undefined ? [] : [job.needs].flat();
        expect(needs.filter((n) => !names.has(n))).toEqual([]);
      }
    });
  });

  it('rejects what is not pinned (the pattern above)', () => {
    const bad = [
      'actions/checkout@main',
      'actions/checkout',
      'docker/build-push-action@latest',
      'docker://nats',
    ];
    const good = [
      'actions/checkout@v4',
      'a/b@v1.2.3',
      `a/b@${'0'.repeat(40)}`,
      'docker://nats:2.9',
    ];
    expect(bad.filter((u) => PINNED.test(u))).toEqual([]);
    expect(good.filter((u) => !PINNED.test(u))).toEqual([]);
  });
});

describe('ci.yml', () => {
  it('runs on pushes to main and on pull requests', () => {
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
  });

  it('runs the commands the README gives for the tests', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const tests = /^## Tests\n([\s\S]*?)(?=^## |$(?![\s\S]))/m.exec(readme)?.[1] ?? '';
    // Inline commands in the README's Tests section, and `npm test` from "The two commands".
    const commands = [...tests.matchAll(/`((?:npm |eval )[^`]+)`/g)].map((m) => m[1] as string);
    expect(readme).toMatch(/^npm test\b/m);
    const required = [...new Set(['npm test', ...commands])].map((c) =>
      c.replace(/^eval "\$\((.*)\)"$/, '$1'),
    );
    expect(required).toEqual(
      expect.arrayContaining(['npm test', 'npm ci', 'tools/scripts/dev-services.sh start']),
    );
    const script = runs(ci.jobs['test']);
    expect(required.filter((command) => !script.includes(command))).toEqual([]);
  });

  it('gives the tests Postgres, NATS with JetStream, Chroma (the project script) and promtool', () => {
    const test = ci.jobs['test'] as Job & { services?: Record<string, { image: string }> };
    expect(test.services?.['postgres']?.image).toMatch(/^postgres:/);
    expect(runs(test)).toMatch(/docker run [^\n]*nats:[\d.]+ -js/);
    expect(runs(test)).toContain('tools/scripts/dev-services.sh start');
    expect(runs(test)).toMatch(/apt-get install [^\n]*prometheus/);
  });

  it('lints and templates every chart and validates the output with kubeconform', () => {
    const script = runs(ci.jobs['charts']);
    expect(script).toContain('helm dependency build');
    expect(script).toMatch(/for chart in charts\/\*\/; do\s+helm lint --strict/);
    expect(script).toMatch(/helm template [^\n]*\| kubeconform \$KUBECONFORM_FLAGS/);
    expect(script).toContain('values-dev.yaml values-prod.yaml');
    expect(
      String((ci as unknown as { env: Record<string, string> }).env['KUBECONFORM_FLAGS']),
    ).toContain('-strict');
  });

  it('renders every kustomize overlay and validates it with kubeconform', () => {
    expect(runs(ci.jobs['manifests'])).toMatch(/kubectl kustomize "\$overlay" \| kubeconform/);
  });

  it('builds an image per app with buildx and the GitHub Actions cache', () => {
    const images = ci.jobs['images'];
    expect(images?.strategy?.matrix?.['app']).toEqual(dockerfileApps());
    expect(uses(images)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^docker\/setup-buildx-action@/)]),
    );
    const build = images?.steps?.find((s) => s.uses?.startsWith('docker/build-push-action@'));
    expect(build?.with).toMatchObject({
      'cache-from': expect.stringContaining('type=gha'),
      'cache-to': expect.stringContaining('type=gha'),
    });
    expect(String(build?.with?.['build-args'])).toContain('APP=${{ matrix.app }}');
  });

  it('installs the umbrella chart on kind with values-dev.yaml and runs helm test', () => {
    const kind = ci.jobs['kind'];
    expect(uses(kind)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^helm\/kind-action@/)]),
    );
    const script = runs(kind);
    expect(script).toContain('kind load docker-image');
    expect(script).toMatch(
      /helm install agent-bus charts\/agent-bus[\s\\]+[^\n]*\n[^\n]*-f charts\/agent-bus\/values-dev\.yaml/,
    );
    expect(script).toContain('rollout status');
    expect(script).toMatch(/^helm test agent-bus/m);
    for (const app of dockerfileApps()) expect(script).toContain(app);
  });
});

describe('release.yml', () => {
  it('runs on v* tags', () => {
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
  });

  it('pushes each image to GHCR as the version and latest, with an SBOM', () => {
    const images = release.jobs['images'];
    expect(images?.strategy?.matrix?.['app']).toEqual(dockerfileApps());
    const meta = images?.steps?.find((s) => s.uses?.startsWith('docker/metadata-action@'));
    expect(String(meta?.with?.['tags'])).toMatch(/type=semver,pattern=\{\{version\}\}/);
    expect(String(meta?.with?.['tags'])).toMatch(/type=raw,value=latest/);
    const build = images?.steps?.find((s) => s.uses?.startsWith('docker/build-push-action@'));
    expect(build?.with).toMatchObject({ push: true, sbom: true });
    expect(runs(images)).toContain('ghcr.io/');
    expect(uses(images)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^anchore\/sbom-action@/)]),
    );
  });

  it('publishes a GitHub Release with notes from the conventional commits', () => {
    const job = release.jobs['release'];
    const cliff = job?.steps?.find((s) => s.uses?.startsWith('orhun/git-cliff-action@'));
    const config = String(cliff?.with?.['config']);
    expect(readFileSync(join(ROOT, config), 'utf8')).toMatch(/conventional_commits = true/);
    const gh = job?.steps?.find((s) => s.uses?.startsWith('softprops/action-gh-release@'));
    expect(gh?.with?.['body_path']).toBe('RELEASE_NOTES.md');
  });
});

// The apps the Dockerfile builds (one runtime-<app> stage each).
function dockerfileApps(): string[] {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  return [...dockerfile.matchAll(/^FROM runtime AS runtime-([a-z-]+)$/gm)].map(
    (m) => m[1] as string,
  );
}
