import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerArtifacts } from './artifacts.command';
import { PROJECT_ID, anArtifactList } from '../../test/builders';
import { FakeGateway, sendJson } from '../../test/fake-gateway';
import { runAgentBus } from '../../test/run-cli';

const ARTIFACTS = `/v1/projects/${PROJECT_ID}/artifacts`;

describe(registerArtifacts.name, () => {
  let gateway: FakeGateway;
  let cwd: string;
  const run = (...args: string[]) =>
    runAgentBus(['artifacts', PROJECT_ID, ...args], { url: gateway.url, cwd });

  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'agent-bus-cli-'));
    gateway = await FakeGateway.start();
    gateway.on('GET', ARTIFACTS, (_req, res) =>
      sendJson(res, 200, anArtifactList(['prd', 'plan'])),
    );
    for (const stage of ['prd', 'plan']) {
      gateway.on('GET', `${ARTIFACTS}/${stage}`, (req, res) => {
        const version = Number(req.query.get('version') ?? 9);
        if (req.headers.accept === 'text/markdown') {
          res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
          return void res.end(`# ${stage} v${version}\n`);
        }
        sendJson(res, 200, { stage, version, format: 'json', body: { stage, ok: true } });
      });
    }
  });
  afterEach(async () => {
    await gateway.close();
    await rm(cwd, { recursive: true, force: true });
  });

  it('downloads the latest version of every stage as markdown and shows what it wrote', async () => {
    const { code, stdout } = await run();
    const dir = join(cwd, 'artifacts', PROJECT_ID);
    expect(code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['plan.v2.md', 'prd.v1.md']);
    expect(await readFile(join(dir, 'prd.v1.md'), 'utf8')).toBe('# prd v1\n');
    expect(stdout).toMatch(new RegExp(`prd +v1 +9 +artifacts/${PROJECT_ID}/prd.v1.md`));
    expect(stdout).toContain(`wrote 2 files to artifacts/${PROJECT_ID}`);
  });

  it('downloads one version of one stage as JSON into --out', async () => {
    const { code, stdout } = await run(
      '--stage',
      'plan',
      '--version',
      '5',
      '--format',
      'json',
      '--out',
      'out',
    );
    expect(code).toBe(0);
    expect(gateway.requestsTo('GET', ARTIFACTS)).toHaveLength(0); // version known: no listing needed
    expect(JSON.parse(await readFile(join(cwd, 'out', 'plan.v5.json'), 'utf8'))).toEqual({
      stage: 'plan',
      version: 5,
      format: 'json',
      body: { stage: 'plan', ok: true },
    });
    expect(stdout).toContain('wrote 1 file to out');
  });

  it('names the stages that have artifacts when the asked one has none', async () => {
    const { code, stderr } = await run('--stage', 'qa');
    expect(code).toBe(2);
    expect(stderr).toContain(
      `error: project ${PROJECT_ID} has no qa artifact yet\nhint: stages with artifacts: prd, plan`,
    );
  });

  it('says so when there is nothing yet', async () => {
    gateway.on('GET', ARTIFACTS, (_req, res) => sendJson(res, 200, { items: [] }));
    const { code, stdout } = await run();
    expect(code).toBe(0);
    expect(stdout).toContain(`project ${PROJECT_ID} has no artifacts yet`);
  });

  it('refuses --version without --stage before calling the gateway', async () => {
    const { code, stderr } = await run('--version', '2');
    expect(code).toBe(2);
    expect(stderr).toContain('error: --version needs --stage');
    expect(gateway.requests).toHaveLength(0);
  });
});
