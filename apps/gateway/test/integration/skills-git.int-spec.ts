import { SkillsInstallGitV1 } from '@agentbus/contracts';
import {
  answer,
  type Bus,
  connectBus,
  QueryFailedError,
  type QueryResponder,
} from '@agentbus/messaging';
import { natsUrl } from '@agentbus/testing';
import { type Gateway, startGateway } from '../support/gateway-harness';

const COMMIT = 'c'.repeat(40);

// The registry's git install has its own suite (apps/skills-registry, real clones); a responder
// on the real bus answers the real contract here, so this tests the route, its role and body
// checks, and the status each refusal becomes.
describe('POST /v1/skills/git', () => {
  let gw: Gateway;
  let bus: Bus;
  let responder: QueryResponder | undefined;
  const asked: unknown[] = [];

  beforeAll(async () => {
    gw = await startGateway();
    bus = await connectBus({ servers: await natsUrl(), name: 'registry', namespace: gw.namespace });
    responder = await answer(bus, SkillsInstallGitV1, async ({ data }) => {
      asked.push(data);
      if (data.url.includes('evil')) {
        throw new QueryFailedError('git-host-refused', 'evil.example is not an allowed git host');
      }
      if (data.url.includes('broken')) throw new QueryFailedError('git-failed', 'git clone failed');
      return {
        status: 'installed' as const,
        name: 'demo',
        version: '1.0.0',
        sha256: 'a'.repeat(64),
        files: 2,
        commit: COMMIT,
      };
    });
  });
  afterAll(async () => {
    await responder?.stop();
    await bus?.close();
    await gw?.stop();
  });

  const post = (json: unknown, as: 'admin' | 'viewer' = 'admin') =>
    gw.call('/v1/skills/git', { method: 'POST', as, json });

  it('installs for an admin, as the caller, with the ref', async () => {
    const response = await post({ url: 'https://git.example.org/demo.git', ref: 'v1.0.0' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ name: 'demo', commit: COMMIT });
    expect(asked).toEqual([
      { url: 'https://git.example.org/demo.git', ref: 'v1.0.0', installedBy: 'bootstrap-admin' },
    ]);
    expect((await post({ url: 'https://git.example.org/demo.git' }, 'viewer')).status).toBe(403);
  });

  it('answers a refused host 403 and a failed clone 502, as problem+json', async () => {
    const refused = await post({ url: 'https://evil.example/x.git' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      type: 'urn:agentbus:problem:skill-git-host-refused',
      detail: expect.stringContaining('SKILLS_GIT_HOSTS'),
    });
    const failed = await post({ url: 'https://git.example.org/broken.git' });
    expect(failed.status).toBe(502);
    expect(failed.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a bad body before asking the registry', async () => {
    const before = asked.length;
    for (const json of [
      {},
      { url: 1 },
      { url: 'https://x/y.git', ref: '-upload-pack=x' },
      { url: 'https://x/y.git', extra: 1 },
    ]) {
      expect((await post(json)).status).toBe(400);
    }
    expect(asked.length).toBe(before);
  });
});
