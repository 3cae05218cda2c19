import { registerKeys } from './keys.command';
import { FakeGateway, sendJson, sendProblem } from '../../test/fake-gateway';
import { runAgentBus } from '../../test/run-cli';

const KEY_ID = '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f';
const NEXT_ID = '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e90';
const SECRET = 'abk_only-shown-once-0123456789abcdefghijklmnopq';

const aKey = (overrides: Record<string, unknown> = {}) => ({
  id: KEY_ID,
  name: 'ci-bot',
  role: 'requester',
  fingerprint: '3f1a9c0b77e2',
  state: 'active',
  createdAt: '2026-11-30T09:00:00.000Z',
  createdBy: 'bootstrap-admin',
  expiresAt: null,
  lastUsedAt: '2026-12-01T17:45:00.000Z',
  revokedAt: null,
  revokedBy: null,
  replacedBy: null,
  graceUntil: null,
  limits: { requestsPerMinute: 600, burst: 100, projectsInFlight: 50 },
  limitOverrides: { requestsPerMinute: null, burst: null, projectsInFlight: null },
  ...overrides,
});
const aCreated = (overrides: Record<string, unknown> = {}) => ({
  id: KEY_ID,
  name: 'ci-bot',
  role: 'requester',
  key: SECRET,
  fingerprint: '3f1a9c0b77e2',
  createdAt: '2026-12-02T09:00:00.000Z',
  expiresAt: null,
  ...overrides,
});

describe(registerKeys.name, () => {
  let gateway: FakeGateway;
  const keys = (...args: string[]) => runAgentBus(['keys', ...args], { url: gateway.url });
  beforeEach(async () => (gateway = await FakeGateway.start()));
  afterEach(() => gateway.close());

  it('lists the keys that work now as a table, without secrets; --all adds the rest', async () => {
    const grace = aKey({
      id: NEXT_ID,
      name: 'old-bot',
      state: 'grace',
      replacedBy: KEY_ID,
      graceUntil: '2026-12-03T09:00:00.000Z',
      lastUsedAt: null,
    });
    const revoked = aKey({ name: 'gone-bot', state: 'revoked', revokedAt: '2026-12-01T00:00:00Z' });
    gateway.on('GET', '/v1/api-keys', (_req, res) =>
      sendJson(res, 200, { items: [aKey(), grace, revoked] }),
    );
    const { code, stdout } = await keys('list');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^ID +NAME +ROLE +STATE +FINGERPRINT +CREATED +EXPIRES +LAST USED +LIMITS\n/,
    );
    expect(stdout).toMatch(
      new RegExp(
        `${KEY_ID} +ci-bot +requester +active +3f1a9c0b77e2 +2026-11-30 09:00 +- +2026-12-01 17:45 +600/min burst 100, 50 in flight\n`,
      ),
    );
    expect(stdout).not.toContain('set on the key');
    expect(stdout).toMatch(
      /old-bot +requester +grace until 2026-12-03 09:00 +3f1a9c0b77e2 .* +- +600\/min burst 100, 50 in flight\n/,
    );
    expect(stdout).not.toContain('gone-bot');
    expect((await keys('list', '--all')).stdout).toMatch(/gone-bot +requester +revoked /);
  });

  it('says how to create a key when none works, and prints JSON with --json', async () => {
    gateway.on('GET', '/v1/api-keys', (_req, res) =>
      sendJson(res, 200, { items: [aKey({ state: 'expired' })] }),
    );
    expect((await keys('list')).stdout).toBe(
      'no usable API keys\n  create one:  agent-bus keys create <name> --role requester\n',
    );
    const json = JSON.parse((await keys('list', '--all', '--json')).stdout) as unknown[];
    expect(json).toEqual([expect.objectContaining({ id: KEY_ID, state: 'expired' })]);
  });

  it('creates a key with a time to live and prints its secret once, with a warning', async () => {
    gateway.on('POST', '/v1/api-keys', (_req, res) =>
      sendJson(res, 201, aCreated({ expiresAt: '2027-03-02T09:00:00.000Z' })),
    );
    const { code, stdout } = await keys('create', 'ci-bot', '--role', 'requester', '--ttl', '90d');
    expect(code).toBe(0);
    expect(gateway.requestsTo('POST', '/v1/api-keys')[0]?.body).toEqual({
      name: 'ci-bot',
      role: 'requester',
      ttlSeconds: 7_776_000,
    });
    expect(stdout.split('\n')).toEqual([
      `created API key "ci-bot" (requester), id ${KEY_ID}, fingerprint 3f1a9c0b77e2, expires 2027-03-02 09:00 UTC`,
      `key: ${SECRET}`,
      '  store it now: it cannot be shown again (the gateway keeps only its SHA-256)',
      '',
    ]);
  });

  it('creates a key in the workspaces given with --workspace (repeatable)', async () => {
    gateway.on('POST', '/v1/api-keys', (_req, res) => sendJson(res, 201, aCreated()));
    const args = ['create', 'ci-bot', '--role', 'viewer', '--workspace', 'a', '--workspace', 'b'];
    expect((await keys(...args)).code).toBe(0);
    expect(gateway.requestsTo('POST', '/v1/api-keys')[0]?.body).toEqual({
      name: 'ci-bot',
      role: 'viewer',
      workspaces: ['a', 'b'],
    });
  });

  it('sends --expires-at as given, and refuses it together with --ttl (exit 2, nothing sent)', async () => {
    gateway.on('POST', '/v1/api-keys', (_req, res) => sendJson(res, 201, aCreated()));
    await keys('create', 'ci-bot', '--role', 'viewer', '--expires-at', '2027-01-31T00:00:00Z');
    expect(gateway.requestsTo('POST', '/v1/api-keys')[0]?.body).toEqual({
      name: 'ci-bot',
      role: 'viewer',
      expiresAt: '2027-01-31T00:00:00Z',
    });
    const both = await keys(
      'create',
      'x',
      '--role',
      'viewer',
      '--ttl',
      '1d',
      '--expires-at',
      '2027-01-31T00:00:00Z',
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/cannot be used with/);
    expect(gateway.requestsTo('POST', '/v1/api-keys')).toHaveLength(1);
  });

  it.each([
    [['create', 'ci-bot'], /required option '--role <role>'/],
    [
      ['create', 'ci-bot', '--role', 'root'],
      /Allowed choices are viewer, requester, approver, admin/,
    ],
    [['create', 'ci-bot', '--role', 'viewer', '--ttl', '1y'], /expected a duration like 90d/],
    [['rotate', KEY_ID, '--grace', '1.5h'], /expected a duration like 90d/],
  ])('refuses %j as a usage error (exit 2, nothing sent)', async (args, message) => {
    const { code, stderr } = await keys(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(gateway.requests).toHaveLength(0);
  });

  it('marks the limits a key sets itself in the list', async () => {
    const own = aKey({
      limits: { requestsPerMinute: 0, burst: 100, projectsInFlight: 5 },
      limitOverrides: { requestsPerMinute: 0, burst: null, projectsInFlight: 5 },
    });
    gateway.on('GET', '/v1/api-keys', (_req, res) => sendJson(res, 200, { items: [own] }));
    const { stdout } = await keys('list');
    expect(stdout).toContain(' no rate limit*, 5 in flight*\n');
    expect(stdout).toContain('* set on the key; the other limits are the gateway defaults\n');
  });

  it('creates a key with its own limits and shows them', async () => {
    gateway.on('POST', '/v1/api-keys', (_req, res) =>
      sendJson(
        res,
        201,
        aCreated({
          limits: { requestsPerMinute: 120, burst: 20, projectsInFlight: 50 },
          limitOverrides: { requestsPerMinute: 120, burst: 20, projectsInFlight: null },
        }),
      ),
    );
    const args = ['create', 'ci-bot', '--role', 'requester', '--rate', '120', '--burst', '20'];
    const { code, stdout } = await keys(...args);
    expect(code).toBe(0);
    expect(gateway.requestsTo('POST', '/v1/api-keys')[0]?.body).toEqual({
      name: 'ci-bot',
      role: 'requester',
      limits: { requestsPerMinute: 120, burst: 20 },
    });
    expect(stdout).toContain('  limits: 120/min* burst 20*, 50 in flight (* set on the key)\n');
  });

  it('sets limits with PATCH: numbers as given, "default" as null, the rest left out', async () => {
    gateway.on('PATCH', `/v1/api-keys/${KEY_ID}/limits`, (_req, res) =>
      sendJson(
        res,
        200,
        aKey({
          limits: { requestsPerMinute: 600, burst: 100, projectsInFlight: 3 },
          limitOverrides: { requestsPerMinute: null, burst: null, projectsInFlight: 3 },
        }),
      ),
    );
    const { code, stdout } = await keys(
      'limits',
      KEY_ID,
      '--projects-in-flight',
      '3',
      '--rate',
      'default',
    );
    expect(code).toBe(0);
    expect(gateway.requestsTo('PATCH', `/v1/api-keys/${KEY_ID}/limits`)[0]?.body).toEqual({
      requestsPerMinute: null,
      projectsInFlight: 3,
    });
    expect(stdout).toBe(
      `API key "ci-bot" (${KEY_ID}): 600/min burst 100, 3 in flight*\n  * set on the key; the others are the gateway defaults\n`,
    );
  });

  it.each([
    [['limits', KEY_ID], /nothing to set/],
    [['limits', KEY_ID, '--rate', '-5'], /expected a whole number \(0: no limit\) or "default"/],
    [['limits', KEY_ID, '--burst', '1.5'], /expected a whole number/],
    [['create', 'ci-bot', '--role', 'viewer', '--projects-in-flight', 'many'], /expected a whole/],
  ])('refuses limits %j as a usage error (exit 2, nothing sent)', async (args, message) => {
    const { code, stderr } = await keys(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(gateway.requests).toHaveLength(0);
  });

  it('revokes a key and says how to see every key', async () => {
    gateway.on('POST', `/v1/api-keys/${KEY_ID}/revoke`, (_req, res) =>
      sendJson(res, 200, aKey({ state: 'revoked', revokedAt: '2026-12-02T09:30:00.000Z' })),
    );
    const { code, stdout } = await keys('revoke', KEY_ID);
    expect(code).toBe(0);
    expect(gateway.requestsTo('POST', `/v1/api-keys/${KEY_ID}/revoke`)[0]?.body).toEqual({});
    expect(stdout).toBe(
      `API key "ci-bot" (${KEY_ID}) revoked at 2026-12-02 09:30\n  see every key:  agent-bus keys list --all\n`,
    );
  });

  it('rotates with a grace period: the new secret once, and until when the old key works', async () => {
    gateway.on('POST', `/v1/api-keys/${KEY_ID}/rotate`, (_req, res) =>
      sendJson(res, 201, {
        ...aCreated({ id: NEXT_ID }),
        replaces: { id: KEY_ID, graceUntil: '2026-12-02T21:00:00.000Z' },
      }),
    );
    const { code, stdout } = await keys('rotate', KEY_ID, '--grace', '12h', '--ttl', '30d');
    expect(code).toBe(0);
    expect(gateway.requestsTo('POST', `/v1/api-keys/${KEY_ID}/rotate`)[0]?.body).toEqual({
      graceSeconds: 43_200,
      ttlSeconds: 2_592_000,
    });
    expect(stdout).toContain(`rotated API key "ci-bot", id ${NEXT_ID}`);
    expect(stdout).toContain(`key: ${SECRET}\n`);
    expect(stdout).toContain(
      `the old key (${KEY_ID}) works until 2026-12-02 21:00 UTC: move its users to the new one`,
    );
  });

  it.each([
    [
      'POST',
      `/v1/api-keys/${KEY_ID}/rotate`,
      ['rotate', KEY_ID],
      409,
      "hint: see the key's state with `agent-bus keys list --all`; a rotated key's successor can be rotated, otherwise create a new key",
    ],
    [
      'POST',
      '/v1/api-keys',
      ['create', 'ci-bot', '--role', 'viewer'],
      409,
      'hint: a current key has this name: rotate it (`agent-bus keys rotate <id>`) or revoke it first; `agent-bus keys list --all` shows its id',
    ],
    [
      'POST',
      `/v1/api-keys/${KEY_ID}/revoke`,
      ['revoke', KEY_ID],
      404,
      'hint: check the key id: `agent-bus keys list --all` shows every key',
    ],
    [
      'GET',
      '/v1/api-keys',
      ['list'],
      403,
      'hint: managing API keys needs an admin key: use one with --api-key or AGENT_BUS_API_KEY',
    ],
  ])(
    '%s %s answered %#: prints the problem and what to do (exit 4)',
    async (method, path, args, status, hint) => {
      gateway.on(method, path, (_req, res) => sendProblem(res, status, 'Refused', 'the detail'));
      const { code, stderr } = await keys(...args);
      expect(code).toBe(4);
      expect(stderr).toContain('the detail');
      expect(stderr.trimEnd().split('\n').at(-1)).toBe(hint);
    },
  );
});
