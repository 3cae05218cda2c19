import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerSkills } from './skills.command';
import { FakeGateway, sendJson, sendProblem } from '../../test/fake-gateway';
import { runAgentBus } from '../../test/run-cli';

const SHA = 'a'.repeat(64);
const aVersion = (version: string) => ({
  version,
  sha256: SHA,
  description: 'Security review against the OWASP Top 10',
  capabilities: ['threat-modeling'],
  installedBy: 'bootstrap-admin',
  installedAt: '2026-12-02T09:00:00.000Z',
});

describe(registerSkills.name, () => {
  let gateway: FakeGateway;
  let dir: string;
  const skills = (...args: string[]) => runAgentBus(['skills', ...args], { url: gateway.url });
  beforeEach(async () => {
    gateway = await FakeGateway.start();
    dir = await mkdtemp(join(tmpdir(), 'cli-skills-'));
  });
  afterEach(async () => {
    await gateway.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists skills as a table', async () => {
    gateway.on('GET', '/v1/skills', (_req, res) =>
      sendJson(res, 200, {
        skills: [
          {
            name: 'security-owasp',
            latest: '1.1.0',
            versions: [aVersion('1.1.0'), aVersion('1.0.0')],
          },
        ],
      }),
    );
    const { code, stdout } = await skills('list');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^NAME +LATEST +VERSIONS +DESCRIPTION\n/);
    expect(stdout).toMatch(/security-owasp +1\.1\.0 +1\.1\.0, 1\.0\.0 +Security review/);
  });

  it('uploads an archive as base64 and says how to allow the new skill', async () => {
    const archive = join(dir, 'skill.tgz');
    await writeFile(archive, Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    gateway.on('POST', '/v1/skills', (_req, res) =>
      sendJson(res, 200, {
        status: 'installed',
        name: 'demo',
        version: '1.0.0',
        sha256: SHA,
        files: 2,
      }),
    );
    const { code, stdout } = await skills('install', archive);
    expect(code).toBe(0);
    expect(gateway.requestsTo('POST', '/v1/skills')[0]?.body).toEqual({ archive: 'H4sBAgM=' });
    expect(stdout).toContain('installed demo@1.0.0 (2 files');
    expect(stdout).toContain('agent-bus skills set-agent <agent> --allow demo');
  });

  it('refuses a folder, saying how to pack it (nothing sent)', async () => {
    const { code, stderr } = await skills('install', dir);
    expect(code).toBe(2);
    expect(stderr).toContain(`tar czf skill.tgz -C ${dir} .`);
    expect(gateway.requests).toHaveLength(0);
  });

  it("shows the registry's refusal", async () => {
    const archive = join(dir, 'bad.tgz');
    await writeFile(archive, 'x');
    gateway.on('POST', '/v1/skills', (_req, res) =>
      sendProblem(res, 400, 'skill-unsafe-path', 'entry "../x" is not a plain relative path'),
    );
    const { code, stderr } = await skills('install', archive);
    expect(code).not.toBe(0);
    expect(stderr).toContain('entry "../x" is not a plain relative path');
  });

  it("sets an agent's rules and prints what it gets", async () => {
    gateway.on('PUT', '/v1/agents/security/skills', (_req, res) =>
      sendJson(res, 200, {
        agent: 'security',
        allow: ['security-owasp@^1', 'api-*'],
        deny: ['api-documentation'],
        skills: [{ name: 'security-owasp', version: '1.1.0' }],
      }),
    );
    const { stdout } = await skills(
      'set-agent',
      'security',
      '--allow',
      'security-owasp@^1,api-*',
      '--deny',
      'api-documentation',
    );
    expect(gateway.requestsTo('PUT', '/v1/agents/security/skills')[0]?.body).toEqual({
      allow: ['security-owasp@^1', 'api-*'],
      deny: ['api-documentation'],
    });
    expect(stdout).toContain('gets security-owasp@1.1.0');
  });

  it('uninstalls name@version', async () => {
    gateway.on('DELETE', '/v1/skills/demo%401.0.0', (_req, res) =>
      sendJson(res, 200, { name: 'demo', versions: ['1.0.0'] }),
    );
    expect((await skills('uninstall', 'demo@1.0.0')).stdout).toBe('uninstalled demo 1.0.0\n');
  });

  it('exports the permissions document as YAML, to stdout or a file', async () => {
    const yaml =
      'agents:\n  security:\n    allow: [security-owasp]\n    deny: []\ncapabilities: []\n';
    gateway.on('GET', '/v1/agents/skills.yaml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/yaml; charset=utf-8' });
      res.end(yaml);
    });
    expect((await skills('permissions', 'export')).stdout).toBe(yaml);
    const out = join(dir, 'permissions.yaml');
    expect((await skills('permissions', 'export', '--out', out)).stdout).toBe(`wrote ${out}\n`);
    expect(await readFile(out, 'utf8')).toBe(yaml);
  });

  it('imports a YAML file as the yaml of a JSON body, and shows a refusal with its line', async () => {
    const file = join(dir, 'permissions.yaml');
    await writeFile(file, 'agents: {}\n');
    gateway.on('PUT', '/v1/agents/skills.yaml', (req, res) =>
      gateway.requestsTo('PUT', '/v1/agents/skills.yaml').length > 1
        ? sendProblem(
            res,
            400,
            'skill-invalid-permissions',
            'line 4: agents.qa.alow: is not a field',
          )
        : sendJson(res, 200, { agents: 0, capabilities: 0 }),
    );
    const first = await skills('permissions', 'import', file);
    expect(first.stdout).toBe('imported: 0 agents with rules, 0 capability mappings\n');
    expect(gateway.requestsTo('PUT', '/v1/agents/skills.yaml')[0]?.body).toEqual({
      yaml: 'agents: {}\n',
    });
    const second = await skills('permissions', 'import', file);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain('line 4: agents.qa.alow: is not a field');
  });

  it('refuses a file it cannot read (nothing sent)', async () => {
    const { code, stderr } = await skills('permissions', 'import', join(dir, 'missing.yaml'));
    expect(code).toBe(2);
    expect(stderr).toContain('ENOENT');
    expect(gateway.requests).toHaveLength(0);
  });

  it('installs from a git URL with a ref and shows the commit', async () => {
    gateway.on('POST', '/v1/skills/git', (_req, res) =>
      sendJson(res, 200, {
        status: 'installed',
        name: 'demo',
        version: '1.2.0',
        sha256: SHA,
        files: 2,
        commit: 'c'.repeat(40),
      }),
    );
    const { code, stdout } = await skills(
      'install-git',
      'https://git.example.org/demo.git',
      '--ref',
      'v1.2.0',
    );
    expect(code).toBe(0);
    expect(gateway.requestsTo('POST', '/v1/skills/git')[0]?.body).toEqual({
      url: 'https://git.example.org/demo.git',
      ref: 'v1.2.0',
    });
    expect(stdout).toContain(`installed demo@1.2.0 from commit ${'c'.repeat(40)}`);
  });

  it("shows a refused git host with the registry's reason", async () => {
    gateway.on('POST', '/v1/skills/git', (_req, res) =>
      sendProblem(res, 403, 'skill-git-host-refused', 'evil.example is not an allowed git host'),
    );
    const { code, stderr } = await skills('install-git', 'https://evil.example/x.git');
    expect(code).not.toBe(0);
    expect(stderr).toContain('evil.example is not an allowed git host');
  });
});
