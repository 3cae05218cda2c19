import { createHash } from 'node:crypto';
import { eventually, natsUrl, postgresUrl } from '@agentbus/testing';
import { type INestApplication } from '@nestjs/common';
import { ApiKeyLifecycleRepository } from '../../src/auth/api-key-lifecycle.repository';
import { KEY_TRUST_MS } from '../../src/auth/cached-api-keys.service';
import { createGatewayApp } from '../../src/bootstrap/create-gateway-app';
import { GatewayConfig } from '../../src/config';
import { type Gateway, startGateway } from '../support/gateway-harness';

const UNKNOWN = '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f';
const DAY_S = 86_400;

interface Created {
  id: string;
  name: string;
  role: string;
  key: string;
  fingerprint: string;
  createdAt: string;
  expiresAt: string | null;
}
interface Rotated extends Created {
  replaces: { id: string; graceUntil: string };
}
interface Listed {
  id: string;
  name: string;
  fingerprint: string;
  state: string;
  createdBy: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  replacedBy: string | null;
  graceUntil: string | null;
}

/** A second gateway on the same schemas and bus namespace: another replica, its own key cache. */
async function startReplica(gw: Gateway): Promise<{ url: string; app: INestApplication }> {
  const config = GatewayConfig.load({
    NATS_URL: await natsUrl(),
    DATABASE_URL: await postgresUrl(),
    BUS_NAMESPACE: gw.namespace,
    DATABASE_SCHEMA: gw.schemas.gateway,
    ORCHESTRATOR_SCHEMA: gw.schemas.orchestrator,
    WORKER_SCHEMA: gw.schemas.worker,
    GATEWAY_ADMIN_API_KEY: gw.keys.admin,
    LOG_LEVEL: 'error',
    // As the harness: the polling below would run into the default rate on a slow machine.
    GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
    GATEWAY_PROJECTS_IN_FLIGHT_PER_KEY: '0',
  });
  const app = await createGatewayApp(config);
  await app.listen(0, '127.0.0.1');
  return { url: (await app.getUrl()).replace('[::1]', '127.0.0.1'), app };
}

const sha256 = (key: string): string => createHash('sha256').update(key).digest('hex');

// Not a wait for a condition (that is eventually()): it sets when the replicas first look a key up,
// so their second of trust would end half a second after the key does if nothing capped it there.
const OFF_PHASE_MS = KEY_TRUST_MS / 2;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('API key lifecycle, on two gateway replicas sharing one database', () => {
  let gw: Gateway;
  let replica: { url: string; app: INestApplication };
  beforeAll(async () => {
    gw = await startGateway();
    replica = await startReplica(gw);
  });
  afterAll(async () => {
    await replica?.app.close();
    await gw?.stop();
  });

  const post = async <T>(path: string, json: object, url = gw.url) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.keys.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const create = async (json: object): Promise<Created> => {
    const { status, body } = await post<Created>('/v1/api-keys', json);
    expect(status).toBe(201);
    return body;
  };
  const list = async (): Promise<Listed[]> =>
    ((await (await gw.call('/v1/api-keys')).json()) as { items: Listed[] }).items;
  const listed = async (id: string): Promise<Listed | undefined> =>
    (await list()).find((key) => key.id === id);
  /** The status of a read with `key` on each replica. */
  const statuses = async (key: string): Promise<number[]> =>
    Promise.all(
      [gw.url, replica.url].map(async (url) => {
        const response = await fetch(`${url}/v1/projects`, {
          headers: { authorization: `Bearer ${key}` },
        });
        await response.body?.cancel();
        return response.status;
      }),
    );

  it('lists every key, newest first, with a fingerprint but never a secret or its hash', async () => {
    const created = await create({ name: 'listed-bot', role: 'viewer' });
    const items = await list();
    expect(items[0]).toEqual({
      id: created.id,
      name: 'listed-bot',
      role: 'viewer',
      workspaces: ['default'],
      fingerprint: sha256(created.key).slice(0, 12),
      state: 'active',
      createdAt: created.createdAt,
      createdBy: 'bootstrap-admin',
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
      replacedBy: null,
      graceUntil: null,
      // The harness turns the rate and the quota off.
      limits: { requestsPerMinute: 0, burst: 100, projectsInFlight: 0 },
      limitOverrides: { requestsPerMinute: null, burst: null, projectsInFlight: null },
    });
    expect(created.fingerprint).toBe(items[0]?.fingerprint);
    const text = JSON.stringify(items);
    for (const secret of [created.key, gw.keys.admin, gw.keys.viewer]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(sha256(secret));
    }
    expect(items.map((key) => key.name)).toEqual(
      expect.arrayContaining(['bootstrap-admin', 'test-viewer', 'test-requester']),
    );
  });

  it('refuses a revoked key on every replica within a second of the revocation', async () => {
    const { id, key } = await create({ name: 'soon-revoked-bot', role: 'viewer' });
    expect(await statuses(key)).toEqual([200, 200]); // both replicas now trust it for a second
    const revoked = await post<Listed>(`/v1/api-keys/${id}/revoke`, {}, replica.url);
    const at = Date.now();
    expect(revoked).toMatchObject({
      status: 200,
      body: { id, state: 'revoked', revokedBy: 'bootstrap-admin' },
    });
    await eventually(async () => expect(await statuses(key)).toEqual([401, 401]), {
      timeoutMs: KEY_TRUST_MS + 1_000,
      intervalMs: 20,
    });
    expect(Date.now() - at).toBeLessThanOrEqual(KEY_TRUST_MS + 250);
    const again = await post<Listed>(`/v1/api-keys/${id}/revoke`, {});
    expect(again).toMatchObject({ status: 200, body: { revokedAt: revoked.body.revokedAt } });
    expect(await listed(id)).toMatchObject({ state: 'revoked' });
  });

  it('answers 401 with what to do, 404 for an unknown key and 400 for a malformed id', async () => {
    const response = await gw.call('/v1/projects', { as: { key: 'abk_revoked-or-never-was' } });
    expect(await response.json()).toMatchObject({
      status: 401,
      detail: expect.stringContaining('ask an admin for a new key'),
    });
    const unknown = await post(`/v1/api-keys/${UNKNOWN}/revoke`, {});
    expect(unknown).toMatchObject({
      status: 404,
      body: {
        type: 'urn:agentbus:problem:api-key-not-found',
        detail: expect.stringContaining('GET /v1/api-keys'),
      },
    });
    const malformed = await post('/v1/api-keys/not-a-uuid/rotate', {});
    expect(malformed).toMatchObject({ status: 400, body: { errors: [{ path: 'id' }] } });
  });

  it('rotates: the new secret works at once everywhere, the old one until its grace ends', async () => {
    const old = await create({ name: 'rotating-bot', role: 'requester' });
    const { status, body: next } = await post<Rotated>(`/v1/api-keys/${old.id}/rotate`, {
      graceSeconds: 2,
    });
    expect(status).toBe(201);
    expect(next).toMatchObject({ name: 'rotating-bot', role: 'requester', expiresAt: null });
    expect(next.key).not.toBe(old.key);
    expect(next.replaces.id).toBe(old.id);
    const graceUntil = Date.parse(next.replaces.graceUntil);
    expect(graceUntil - Date.parse(next.createdAt)).toBe(2_000);
    expect(await statuses(next.key)).toEqual([200, 200]);
    expect(await listed(old.id)).toMatchObject({ state: 'grace', replacedBy: next.id });
    await pause(OFF_PHASE_MS);
    expect(await statuses(old.key)).toEqual([200, 200]);
    await eventually(async () => expect(await statuses(old.key)).toEqual([401, 401]), {
      timeoutMs: 2_000 + KEY_TRUST_MS,
      intervalMs: 20,
    });
    // The caches never trust a key past its grace: refused from that instant, not up to a second later.
    expect(Date.now() - graceUntil).toBeLessThan(OFF_PHASE_MS / 2);
    expect(await statuses(next.key)).toEqual([200, 200]);
    expect(await listed(old.id)).toMatchObject({ state: 'rotated', replacedBy: next.id });
    const twice = await post(`/v1/api-keys/${old.id}/rotate`, {});
    expect(twice).toMatchObject({
      status: 409,
      body: { type: 'urn:agentbus:problem:api-key-rotated', replacedBy: next.id },
    });
  });

  it('keeps the old key for GATEWAY_KEY_ROTATION_GRACE_S (24 h) unless the rotation says otherwise', async () => {
    const old = await create({ name: 'default-grace-bot', role: 'viewer', ttlSeconds: 7 * DAY_S });
    const { body: next } = await post<Rotated>(`/v1/api-keys/${old.id}/rotate`, {});
    const createdAt = Date.parse(next.createdAt);
    expect(Date.parse(next.replaces.graceUntil) - createdAt).toBe(DAY_S * 1_000);
    // The successor lives as long as the old key was made to.
    expect(Date.parse(next.expiresAt ?? '') - createdAt).toBe(7 * DAY_S * 1_000);
    expect(await statuses(old.key)).toEqual([200, 200]);
    const revoked = await post<Listed>(`/v1/api-keys/${old.id}/revoke`, {});
    expect(revoked.body.state).toBe('revoked');
    await eventually(async () => expect(await statuses(old.key)).toEqual([401, 401]), {
      timeoutMs: KEY_TRUST_MS + 1_000,
    });
    expect(await statuses(next.key)).toEqual([200, 200]);
  });

  it('expires a key at its time on every replica; an expired key keeps its name until revoked', async () => {
    const { id, key, expiresAt, createdAt } = await create({
      name: 'short-lived-bot',
      role: 'viewer',
      ttlSeconds: 2,
    });
    expect(Date.parse(expiresAt ?? '') - Date.parse(createdAt)).toBe(2_000);
    await pause(OFF_PHASE_MS);
    expect(await statuses(key)).toEqual([200, 200]);
    await eventually(async () => expect(await statuses(key)).toEqual([401, 401]), {
      timeoutMs: 2_000 + KEY_TRUST_MS,
      intervalMs: 20,
    });
    expect(Date.now() - Date.parse(expiresAt ?? '')).toBeLessThan(OFF_PHASE_MS / 2);
    expect(await listed(id)).toMatchObject({ state: 'expired' });
    expect(await post(`/v1/api-keys/${id}/rotate`, {})).toMatchObject({
      status: 409,
      body: { type: 'urn:agentbus:problem:api-key-expired' },
    });
    const taken = await post('/v1/api-keys', { name: 'short-lived-bot', role: 'viewer' });
    expect(taken).toMatchObject({
      status: 409,
      body: { detail: expect.stringContaining('revoke') },
    });
    await post(`/v1/api-keys/${id}/revoke`, {});
    await create({ name: 'short-lived-bot', role: 'viewer', expiresAt: '2099-01-01T00:00:00Z' });
  });

  it.each([
    [
      'both expiresAt and ttlSeconds',
      { expiresAt: '2099-01-01T00:00:00Z', ttlSeconds: 60 },
      'ttlSeconds',
    ],
    ['an expiry in the past', { expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
    ['a date that is not ISO 8601', { expiresAt: 'tomorrow' }, 'expiresAt'],
    ['a ttl of 0', { ttlSeconds: 0 }, 'ttlSeconds'],
    ['a ttl as a string', { ttlSeconds: '60' }, 'ttlSeconds'],
  ])(
    'refuses a key with %s (400 naming the field, nothing created)',
    async (_case, expiry, path) => {
      const name = `bad-expiry-${path}`;
      const response = await post('/v1/api-keys', { name, role: 'viewer', ...expiry });
      expect(response).toMatchObject({ status: 400, body: { errors: [{ path }] } });
      expect((await list()).map((key) => key.name)).not.toContain(name);
    },
  );

  it('refuses a bad grace, and rotating the bootstrap admin key (it is config)', async () => {
    const { id } = await create({ name: 'grace-checked-bot', role: 'viewer' });
    const bad = await post(`/v1/api-keys/${id}/rotate`, { graceSeconds: -1 });
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ path: 'graceSeconds' }] } });
    expect(await listed(id)).toMatchObject({ state: 'active' });
    const bootstrap = (await list()).find((key) => key.name === 'bootstrap-admin');
    const refused = await post(`/v1/api-keys/${bootstrap?.id ?? UNKNOWN}/rotate`, {});
    expect(refused).toMatchObject({
      status: 409,
      body: {
        type: 'urn:agentbus:problem:api-key-from-config',
        detail: expect.stringContaining('GATEWAY_ADMIN_API_KEY'),
      },
    });
  });

  it('records the last use to the minute, not a write per request', async () => {
    const { id, key } = await create({ name: 'used-bot', role: 'viewer' });
    expect((await listed(id))?.lastUsedAt).toBeNull();
    const before = Date.now();
    expect(await statuses(key)).toEqual([200, 200]);
    const first = await eventually(async () => {
      const lastUsedAt = (await listed(id))?.lastUsedAt ?? null;
      expect(lastUsedAt).not.toBeNull();
      return lastUsedAt;
    });
    expect(Date.parse(first ?? '')).toBeGreaterThanOrEqual(before - 1_000);
    for (let i = 0; i < 5; i += 1) expect(await statuses(key)).toEqual([200, 200]);
    const usage = gw.app.get(ApiKeyLifecycleRepository);
    await expect(usage.markUsed(id)).resolves.toBe(false); // a mark under a minute old stays
    expect((await listed(id))?.lastUsedAt).toBe(first);
    await gw.sql.query(
      `UPDATE "${gw.schemas.gateway}".api_keys
       SET last_used_at = last_used_at - interval '61 seconds' WHERE id = $1`,
      [id],
    );
    await expect(usage.markUsed(id)).resolves.toBe(true);
  });
});
