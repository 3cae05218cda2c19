import {
  AllowlistPutV1,
  SkillsGetV1,
  SkillsInstallV1,
  SkillsListV1,
  SkillsUninstallV1,
} from '@agentbus/contracts';
import { QueryFailedError } from '@agentbus/messaging';
import { type Gateway, startGateway } from '../support/gateway-harness';
import { RecordingResponders } from '../support/recording-responders';

// The registry's behaviour has its own suites (apps/skills-registry); here responders on the real
// bus answer the real contracts, so what is tested is the gateway's part: routes, roles, the
// request it sends, and how each answer (or silence) becomes an HTTP answer.
describe('skills API', () => {
  let gw: Gateway;
  const service = new RecordingResponders();
  const { requests, respond } = service;

  beforeAll(async () => {
    gw = await startGateway();
    await service.connect(gw.namespace, 'registry');
  });
  afterAll(async () => {
    await service.stop();
    await gw?.stop();
  });

  it('answers 503 problem+json naming the registry when nobody answers', async () => {
    const response = await gw.call('/v1/skills', { as: 'viewer' });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      type: 'urn:agentbus:problem:skills-registry-unavailable',
      detail: expect.stringContaining('skills-registry did not answer'),
    });
  });

  it('lists, shows and maps refusals to problems', async () => {
    await respond(SkillsListV1, async () => ({ skills: [] }));
    await respond(SkillsGetV1, async (request) => {
      throw new QueryFailedError('not-found', `skill ${request.data.name} is not installed`);
    });
    await respond(SkillsInstallV1, async (request) => {
      if (request.data.archiveBase64 === 'AAAA') {
        throw new QueryFailedError('version-downgrade', 'demo@0.9.0 is older than 1.0.0');
      }
      throw new QueryFailedError('unsafe-path', 'entry "../x" is not a plain relative path');
    });
    expect(await (await gw.call('/v1/skills', { as: 'viewer' })).json()).toEqual({ skills: [] });
    const missing = await gw.call('/v1/skills/wizardry', { as: 'viewer' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ type: 'urn:agentbus:problem:skill-not-found' });
    const unsafe = await gw.call('/v1/skills', {
      method: 'POST',
      as: 'admin',
      json: { archive: 'H4sI' },
    });
    expect(unsafe.status).toBe(400);
    expect(await unsafe.json()).toMatchObject({
      type: 'urn:agentbus:problem:skill-unsafe-path',
      detail: expect.stringContaining('../x'),
    });
    const older = await gw.call('/v1/skills', {
      method: 'POST',
      as: 'admin',
      json: { archive: 'AAAA' },
    });
    expect(older.status).toBe(409);
    expect(requests).toContainEqual({ archiveBase64: 'AAAA', installedBy: 'bootstrap-admin' });
  });

  it('refuses bad input before asking the registry', async () => {
    const before = requests.length;
    for (const [path, method, json] of [
      ['/v1/skills/Bad%20Name', 'GET', undefined],
      ['/v1/skills', 'POST', { archive: 'not base64!' }],
      ['/v1/skills', 'POST', { archive: 'H4sI', extra: 1 }],
      ['/v1/skills/a@b@c', 'DELETE', undefined],
      ['/v1/agents/wizard/skills', 'GET', undefined],
      ['/v1/agents/qa/skills', 'PUT', { allow: 'x', deny: [] }],
    ] as const) {
      const response = await gw.call(path, { method, as: 'admin', json });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(requests.length).toBe(before);
  });

  it('uninstalls name@version and replaces an allowlist as the caller', async () => {
    await respond(SkillsUninstallV1, async (request) => ({
      name: request.data.name,
      versions: [request.data.version ?? 'all'],
    }));
    await respond(AllowlistPutV1, async ({ data: { agent, allow, deny } }) => ({
      agent,
      allow,
      deny,
      skills: [],
    }));
    const removed = await gw.call('/v1/skills/demo@1.0.0', { method: 'DELETE', as: 'admin' });
    expect(await removed.json()).toEqual({ name: 'demo', versions: ['1.0.0'] });
    expect(requests).toContainEqual({
      name: 'demo',
      version: '1.0.0',
      uninstalledBy: 'bootstrap-admin',
    });
    await gw.call('/v1/agents/qa/skills', {
      method: 'PUT',
      as: 'admin',
      json: { allow: ['security-owasp@^1'], deny: [] },
    });
    expect(requests).toContainEqual({
      agent: 'qa',
      allow: ['security-owasp@^1'],
      deny: [],
      changedBy: 'bootstrap-admin',
    });
  });
});
