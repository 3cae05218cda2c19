import { createHash } from 'node:crypto';
import { eventually } from '@agentbus/testing';
import { type Role, ROLES } from '../../src/auth/role';
import { ApiKeyRepository } from '../../src/auth/api-key.repository';
import { KEY_TRUST_MS } from '../../src/auth/cached-api-keys.service';
import { type Gateway, startGateway } from '../support/gateway-harness';
import { givenProject } from '../support/read-model-rows';

const UNKNOWN = '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f';

/** Every /v1 route with the weakest role it needs; requests that fail after auth (404/400). */
const ROUTES: [string, string, Role, object | undefined][] = [
  ['GET', '/v1/projects', 'viewer', undefined],
  ['GET', `/v1/projects/${UNKNOWN}`, 'viewer', undefined],
  ['GET', `/v1/projects/${UNKNOWN}/artifacts`, 'viewer', undefined],
  ['GET', `/v1/projects/${UNKNOWN}/artifacts/prd`, 'viewer', undefined],
  ['GET', `/v1/projects/${UNKNOWN}/events`, 'viewer', undefined],
  ['GET', `/v1/projects/${UNKNOWN}/audit`, 'viewer', undefined],
  ['GET', '/v1/approvals', 'viewer', undefined],
  ['DELETE', `/v1/projects/${UNKNOWN}`, 'admin', undefined],
  ['GET', `/v1/projects/${UNKNOWN}/deletion`, 'admin', undefined],
  ['POST', '/v1/projects', 'requester', {}],
  ['POST', `/v1/projects/${UNKNOWN}/cancel`, 'requester', {}],
  ['POST', `/v1/projects/${UNKNOWN}/restart`, 'requester', { fromStage: 'plan' }],
  ['POST', `/v1/projects/${UNKNOWN}/approvals/prd_approval`, 'approver', { decision: 'approve' }],
  ['POST', '/v1/api-keys', 'admin', {}],
  ['GET', '/v1/api-keys', 'admin', undefined],
  ['POST', `/v1/api-keys/${UNKNOWN}/revoke`, 'admin', {}],
  ['POST', `/v1/api-keys/${UNKNOWN}/rotate`, 'admin', {}],
  ['GET', '/v1/skills', 'viewer', undefined],
  ['GET', '/v1/skills/unknown-skill', 'viewer', undefined],
  ['POST', '/v1/skills', 'admin', {}],
  ['DELETE', '/v1/skills/unknown-skill', 'admin', undefined],
  ['GET', '/v1/agents/qa/skills', 'viewer', undefined],
  ['PUT', '/v1/agents/qa/skills', 'admin', {}],
  ['PATCH', `/v1/api-keys/${UNKNOWN}/limits`, 'admin', {}],
  ['GET', '/v1/memory/search?q=booking', 'viewer', undefined],
  ['GET', '/v1/memory/patterns/manual-unknown', 'viewer', undefined],
  ['GET', '/v1/memory/templates', 'viewer', undefined],
  ['GET', '/v1/memory/stats', 'viewer', undefined],
  ['POST', '/v1/memory/patterns', 'admin', {}],
  ['DELETE', '/v1/memory/patterns/manual-unknown', 'admin', undefined],
  ['POST', '/v1/projects/estimate', 'requester', {}],
  ['POST', '/v1/skills/git', 'admin', {}],
  ['GET', '/v1/agents/skills.yaml', 'viewer', undefined],
  ['PUT', '/v1/agents/skills.yaml', 'admin', {}],
  ['GET', '/v1/me', 'viewer', undefined],
];

describe('auth: API keys and roles', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw?.stop());

  it.each(ROUTES)(
    '%s %s needs an API key (401 problem without one, or with a bad one)',
    async (method, path, _role, json) => {
      for (const as of [null, { key: 'abk_not-a-real-key' }]) {
        const response = await gw.call(path, { method, as, json });
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(await response.json()).toMatchObject({
          type: 'urn:agentbus:problem:unauthenticated',
          status: 401,
        });
      }
    },
  );

  it.each(ROUTES)(
    '%s %s needs role %s (403 for weaker keys)',
    async (method, path, needed, json) => {
      for (const role of ROLES) {
        const response = await gw.call(path, { method, as: role, json });
        const allowed = ROLES.indexOf(role) >= ROLES.indexOf(needed);
        if (allowed) {
          expect([401, 403]).not.toContain(response.status);
          await response.body?.cancel(); // the events route would stream on
        } else {
          expect(response.status).toBe(403);
          expect(await response.json()).toMatchObject({
            type: 'urn:agentbus:problem:forbidden',
            detail: expect.stringContaining(needed),
          });
        }
      }
    },
  );

  it('takes the key from X-API-Key as well as from Authorization: Bearer', async () => {
    const response = await gw.call('/v1/projects', {
      as: null,
      headers: { 'x-api-key': gw.keys.viewer },
    });
    expect(response.status).toBe(200);
  });

  it('creates a key once: the secret is in the answer, only its SHA-256 in the database', async () => {
    const response = await gw.call('/v1/api-keys', {
      method: 'POST',
      as: 'admin',
      json: { name: 'reviewer-bot', role: 'approver' },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; key: string; role: string };
    expect(created).toMatchObject({
      name: 'reviewer-bot',
      role: 'approver',
      key: expect.stringMatching(/^abk_/),
    });
    const { rows } = await gw.sql.query(
      `SELECT * FROM "${gw.schemas.gateway}".api_keys WHERE id = $1`,
      [created.id],
    );
    expect(rows[0].key_sha256).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(created.key);
    expect((await gw.call('/v1/projects', { as: { key: created.key } })).status).toBe(200);
  });

  it('refuses a second active key with the same name (409), and a bad role or name (400)', async () => {
    const again = await gw.call('/v1/api-keys', {
      method: 'POST',
      as: 'admin',
      json: { name: 'test-viewer', role: 'viewer' },
    });
    expect(again.status).toBe(409);
    const badRole = await gw.call('/v1/api-keys', {
      method: 'POST',
      as: 'admin',
      json: { name: 'x', role: 'root' },
    });
    expect(await badRole.json()).toMatchObject({ status: 400, errors: [{ path: 'role' }] });
    const badName = await gw.call('/v1/api-keys', {
      method: 'POST',
      as: 'admin',
      json: { name: 'two words', role: 'viewer' },
    });
    expect(await badName.json()).toMatchObject({ status: 400, errors: [{ path: 'name' }] });
  });

  it('records who acted by the key name (submittedBy)', async () => {
    const response = await gw.call('/v1/projects', {
      method: 'POST',
      as: 'requester',
      json: { name: 'n', requirements: 'r' },
    });
    const { id } = (await response.json()) as { id: string };
    expect(await (await gw.call(`/v1/projects/${id}`, { as: 'viewer' })).json()).toMatchObject({
      submittedBy: 'test-requester',
    });
  });

  it('replaces the bootstrap admin key when GATEWAY_ADMIN_API_KEY changes (the old one stops working)', async () => {
    const keys = gw.app.get(ApiKeyRepository);
    const rotated = 'a-new-admin-secret-of-enough-length';
    await keys.upsertBootstrapAdmin(
      'bootstrap-admin',
      createHash('sha256').update(rotated).digest('hex'),
    );
    expect((await gw.call('/v1/projects', { as: { key: rotated } })).status).toBe(200);
    await eventually(
      async () => expect((await gw.call('/v1/projects', { as: 'admin' })).status).toBe(401),
      { timeoutMs: KEY_TRUST_MS + 500 },
    );
    await keys.upsertBootstrapAdmin(
      'bootstrap-admin',
      createHash('sha256').update(gw.keys.admin).digest('hex'),
    );
    expect((await gw.call('/v1/projects', { as: 'admin' })).status).toBe(200);
  });

  it('refuses a key within about a second of its revocation, though active keys are cached', async () => {
    const created = await gw.call('/v1/api-keys', {
      method: 'POST',
      json: { name: 'soon-revoked', role: 'viewer' },
    });
    const { id, key } = (await created.json()) as { id: string; key: string };
    expect((await gw.call('/v1/projects', { as: { key } })).status).toBe(200);
    await gw.sql.query(
      `UPDATE "${gw.schemas.gateway}".api_keys SET revoked_at = now() WHERE id = $1`,
      [id],
    );
    const revoked = Date.now();
    await eventually(
      async () => expect((await gw.call('/v1/projects', { as: { key } })).status).toBe(401),
      { timeoutMs: KEY_TRUST_MS + 500, intervalMs: 20 },
    );
    expect(Date.now() - revoked).toBeLessThanOrEqual(KEY_TRUST_MS + 500);
  });

  it('serves Swagger UI at /docs and an OpenAPI document where every /v1 operation is secured', async () => {
    expect((await gw.call('/docs', { as: null })).headers.get('content-type')).toContain(
      'text/html',
    );
    const document = (await (await gw.call('/docs-json', { as: null })).json()) as {
      paths: Record<string, Record<string, { security?: object[] }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['apiKey', 'bearer']);
    const v1 = Object.entries(document.paths).filter(([path]) => path.startsWith('/v1/'));
    const operations = v1.flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => [`${method} ${path}`, op.security] as const),
    );
    expect(operations).toHaveLength(ROUTES.length);
    for (const [, security] of operations) {
      expect(security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    }
  });
});

describe('auth: a gateway started without GATEWAY_ADMIN_API_KEY, CORS allowlist set', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway(
      { GATEWAY_ADMIN_API_KEY: '', CORS_ORIGINS: 'https://console.example.com' },
      { withKeys: false },
    );
  });
  afterAll(() => gw?.stop());

  it('starts, serves health, and admits no one to the API', async () => {
    expect((await gw.call('/healthz', { as: null })).status).toBe(200);
    expect((await gw.call('/v1/projects', { as: null })).status).toBe(401);
    const { rows } = await gw.sql.query(
      `SELECT count(*)::int AS n FROM "${gw.schemas.gateway}".api_keys`,
    );
    expect(rows[0]).toEqual({ n: 0 });
  });

  it('answers CORS only for the configured origin', async () => {
    const preflight = (origin: string) =>
      gw.call('/v1/projects', {
        method: 'OPTIONS',
        as: null,
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight('https://console.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://console.example.com');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect(
      (await preflight('https://evil.example.com')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });
});

describe('auth: CORS is off by default', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway({}, { withKeys: false });
    await givenProject(gw);
  });
  afterAll(() => gw?.stop());

  it('sends no CORS headers to any origin', async () => {
    const response = await gw.call('/v1/projects', {
      as: 'admin',
      headers: { origin: 'https://console.example.com' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
