import { eventually, natsUrl, postgresUrl } from '@agentbus/testing';
import { type INestApplication } from '@nestjs/common';
import { type JWTPayload } from 'jose';
import { createGatewayApp } from '../../src/bootstrap/create-gateway-app';
import { GatewayConfig } from '../../src/config';
import { type Gateway, startGateway } from '../support/gateway-harness';
import { type LocalIssuer, startOidcIssuer } from '../support/oidc-issuer';
import { givenProject, givenProjectState } from '../support/read-model-rows';

// One request a minute: nothing refills while a test runs, so a burst is judged exactly.
const LIMITS = {
  GATEWAY_RATE_LIMIT_PER_MINUTE: '1',
  GATEWAY_RATE_LIMIT_BURST: '8',
  GATEWAY_PROJECTS_IN_FLIGHT_PER_KEY: '2',
};

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

interface KeyLimits {
  requestsPerMinute?: number | null;
  burst?: number | null;
  projectsInFlight?: number | null;
}

const aUser = (sub: string, role: string): JWTPayload => ({
  sub,
  email: `${sub}@example.com`,
  realm_access: { roles: [role] },
});

describe('rate limits and projects in flight, per key and SSO user, on two replicas', () => {
  let idp: LocalIssuer;
  let gw: Gateway;
  let replica: { url: string; app: INestApplication };
  let submissions = 0;

  beforeAll(async () => {
    idp = await startOidcIssuer();
    const sso = {
      GATEWAY_OIDC_ISSUER: idp.issuer,
      GATEWAY_OIDC_AUDIENCE: idp.audience,
      GATEWAY_OIDC_ALGORITHMS: 'ES256',
      GATEWAY_OIDC_ROLES_CLAIM: 'realm_access.roles',
    };
    gw = await startGateway({ ...LIMITS, ...sso });
    const config = GatewayConfig.load({
      NATS_URL: await natsUrl(),
      DATABASE_URL: await postgresUrl(),
      BUS_NAMESPACE: gw.namespace,
      DATABASE_SCHEMA: gw.schemas.gateway,
      ORCHESTRATOR_SCHEMA: gw.schemas.orchestrator,
      WORKER_SCHEMA: gw.schemas.worker,
      GATEWAY_ADMIN_API_KEY: gw.keys.admin,
      LOG_LEVEL: 'error',
      ...LIMITS,
      ...sso,
    });
    replica = { app: await createGatewayApp(config), url: '' };
    await replica.app.listen(0, '127.0.0.1');
    replica.url = (await replica.app.getUrl()).replace('[::1]', '127.0.0.1');
    // The operator's own key is exempt, so that setting up the tests is not limited (once the
    // replica's second of trust in the key as it was is over).
    const admin = (await listKeys()).find((key) => key['name'] === 'bootstrap-admin');
    expect((await patchLimits(String(admin?.['id']), { requestsPerMinute: 0 })).status).toBe(200);
    await unlimited(gw.keys.admin);
  });
  afterAll(async () => {
    await replica?.app.close();
    await gw?.stop();
    await idp?.stop();
  });

  const send = async (url: string, path: string, key: string, init: RequestInit = {}) => {
    const response = await fetch(`${url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        ...(init.headers as Record<string, string> | undefined),
      },
    });
    const text = await response.text();
    const body = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
    return { status: response.status, headers: response.headers, body } satisfies Answer;
  };
  const listKeys = async () =>
    (await send(gw.url, '/v1/api-keys', gw.keys.admin)).body['items'] as Record<string, unknown>[];
  const patchLimits = (id: string, limits: KeyLimits) =>
    send(gw.url, `/v1/api-keys/${id}/limits`, gw.keys.admin, {
      method: 'PATCH',
      body: JSON.stringify(limits),
    });
  const createKey = async (name: string, role: string, limits?: KeyLimits) => {
    const answer = await send(gw.url, '/v1/api-keys', gw.keys.admin, {
      method: 'POST',
      body: JSON.stringify({ name, role, ...(limits === undefined ? {} : { limits }) }),
    });
    expect(answer.status).toBe(201);
    return answer.body as { id: string; key: string; limits: KeyLimits; limitOverrides: KeyLimits };
  };
  /** `count` reads at once, alternating between the two replicas. */
  const burst = (key: string, count: number): Promise<Answer[]> =>
    Promise.all(
      Array.from({ length: count }, (_, i) =>
        send(i % 2 === 0 ? gw.url : replica.url, '/v1/projects', key),
      ),
    );
  const submit = (key: string, idempotencyKey?: string, url = gw.url) => {
    submissions += 1;
    return send(url, '/v1/projects', key, {
      method: 'POST',
      headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey },
      body: JSON.stringify({
        name: `quota ${idempotencyKey ?? submissions}`,
        requirements: 'A small note-taking app with tags.',
      }),
    });
  };
  const header = (answer: Answer, name: string) => answer.headers.get(name);
  /** Once the key's new limits are in force: a key is trusted as it was for up to a second. */
  const unlimited = (key: string) =>
    eventually(async () => {
      const answer = await send(gw.url, '/v1/projects', key);
      expect([answer.status, header(answer, 'ratelimit-limit')]).toEqual([200, null]);
    });
  const ok = (answers: Answer[]) => answers.filter((answer) => answer.status === 200);
  const refused = (answers: Answer[]) => answers.filter((answer) => answer.status === 429);

  it('accepts exactly the burst from two replicas sharing one limit and 429s the rest, with headers', async () => {
    const { key } = await createKey('burst-bot', 'viewer');
    const answers = await burst(key, 30);
    expect(ok(answers)).toHaveLength(8);
    expect(refused(answers)).toHaveLength(22);
    // Judged one after the other: each remaining count from 7 down to 0 was answered once.
    const remaining = ok(answers).map((answer) => Number(header(answer, 'ratelimit-remaining')));
    expect(remaining.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const answer of ok(answers)) {
      expect(header(answer, 'ratelimit-limit')).toBe('8');
      expect(Number(header(answer, 'ratelimit-reset'))).toBeGreaterThan(0);
      expect(Number(header(answer, 'ratelimit-reset'))).toBeLessThanOrEqual(8 * 60);
    }
    for (const answer of refused(answers)) {
      expect(header(answer, 'content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.body['type']).toMatch(/:rate-limited$/);
      expect(answer.body['detail']).toContain('burst-bot');
      const retryAfter = Number(header(answer, 'retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(answer.body['retryAfterSeconds']).toBe(retryAfter);
      expect(header(answer, 'ratelimit-limit')).toBe('8');
      expect(header(answer, 'ratelimit-remaining')).toBe('0');
      expect(Number(header(answer, 'ratelimit-reset'))).toBeGreaterThanOrEqual(retryAfter);
    }
    // Another key is not affected, and health, metrics and docs are not limited.
    expect(ok(await burst(gw.keys.viewer, 2))).toHaveLength(2);
    for (const path of ['/healthz', '/readyz', '/metrics', '/docs-json']) {
      const answer = await fetch(`${replica.url}${path}`);
      await answer.body?.cancel();
      expect([path, answer.status]).toEqual([path, 200]);
      expect(answer.headers.get('ratelimit-limit')).toBeNull();
    }
  });

  it('judges a key by its own limits when it has them, set on creation or later, and lists them', async () => {
    const own = await createKey('own-limits-bot', 'viewer', { requestsPerMinute: 1, burst: 15 });
    expect(own.limitOverrides).toEqual({ requestsPerMinute: 1, burst: 15, projectsInFlight: null });
    expect(own.limits).toEqual({ requestsPerMinute: 1, burst: 15, projectsInFlight: 2 });
    expect(ok(await burst(own.key, 25))).toHaveLength(15);

    const later = await createKey('patched-bot', 'viewer');
    const patched = await patchLimits(later.id, { burst: 3 });
    expect(patched.body['limitOverrides']).toEqual({
      requestsPerMinute: null,
      burst: 3,
      projectsInFlight: null,
    });
    const answers = await burst(later.key, 6);
    expect(ok(answers)).toHaveLength(3);
    expect(header(ok(answers)[0] as Answer, 'ratelimit-limit')).toBe('3');

    // 0 is no limit: every request passes, without RateLimit headers.
    await patchLimits(later.id, { requestsPerMinute: 0 });
    await unlimited(later.key);
    const free = await burst(later.key, 20);
    expect(ok(free)).toHaveLength(20);
    expect(header(free[0] as Answer, 'ratelimit-limit')).toBeNull();
    // null returns a field to the default; fields left out keep their value.
    await patchLimits(later.id, { requestsPerMinute: null });
    const listed = (await listKeys()).find((key) => key['id'] === later.id);
    expect(listed?.['limitOverrides']).toEqual({
      requestsPerMinute: null,
      burst: 3,
      projectsInFlight: null,
    });
    expect(listed?.['limits']).toEqual({ requestsPerMinute: 1, burst: 3, projectsInFlight: 2 });
    // Back on the default rate, the bucket it emptied is still empty: refused on both replicas.
    await eventually(async () => expect(ok(await burst(later.key, 2))).toHaveLength(0));
  });

  it('refuses bad limits with 400 naming the field and an unknown key with 404', async () => {
    const { id } = await createKey('bad-limits-bot', 'viewer');
    for (const [limits, field] of [
      [{ requestsPerMinute: -1 }, 'requestsPerMinute'],
      [{ burst: 0 }, 'burst'],
      [{ projectsInFlight: 1.5 }, 'projectsInFlight'],
      [{ burst: '5' }, 'burst'],
    ] as const) {
      const answer = await patchLimits(id, limits as KeyLimits);
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body['errors'])).toContain(field);
    }
    const unknownField = await patchLimits(id, { rps: 5 } as KeyLimits);
    expect(unknownField.status).toBe(400);
    const missing = await patchLimits('0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f', { burst: 2 });
    expect(missing.status).toBe(404);
  });

  it('refuses the N+1th project in flight, answers keyed replays, admits again once one finishes or is cancelled', async () => {
    const { key } = await createKey('quota-bot', 'requester', { requestsPerMinute: 0 });
    const first = await submit(key, 'quota-1');
    const second = await submit(key, 'quota-2', replica.url);
    expect([first.status, second.status]).toEqual([202, 202]);

    const third = await submit(key, 'quota-3');
    expect(third.status).toBe(429);
    expect(third.body['type']).toMatch(/:too-many-projects-in-flight$/);
    expect(third.body).toMatchObject({ projectsInFlight: 2, limit: 2 });
    expect(header(third, 'retry-after')).toBe('30');
    const replay = await submit(key, 'quota-1', replica.url);
    expect(replay.status).toBe(202);
    expect(replay.body['id']).toBe(first.body['id']);
    expect(header(replay, 'idempotent-replayed')).toBe('true');
    const { rows } = await gw.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${gw.schemas.gateway}".submissions WHERE name LIKE 'quota quota-%'`,
    );
    expect(rows[0]?.n).toBe(2);

    // The orchestrator creates both; a project waiting at a gate still counts.
    await givenProject(gw, { id: String(first.body['id']), state: 'running' });
    await givenProject(gw, { id: String(second.body['id']), state: 'waiting_approval' });
    expect((await submit(key, 'quota-3')).status).toBe(429);
    await givenProjectState(gw, String(first.body['id']), 'completed');
    const afterFinish = await submit(key, 'quota-3');
    expect(afterFinish.status).toBe(202);
    expect((await submit(key, 'quota-4')).status).toBe(429);
    await givenProjectState(gw, String(second.body['id']), 'cancelled');
    expect((await submit(key, 'quota-4', replica.url)).status).toBe(202);
  });

  it('admits exactly the quota when submissions race on both replicas', async () => {
    const { key } = await createKey('racing-bot', 'requester', { requestsPerMinute: 0 });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => submit(key, `race-${i}`, i % 2 ? replica.url : gw.url)),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([
      202, 202, 429, 429, 429, 429, 429, 429,
    ]);
  });

  it('limits SSO users by their subject, each apart from the others', async () => {
    const alice = await idp.sign(aUser('alice', 'viewer'));
    const aliceAgain = await idp.sign(aUser('alice', 'viewer'));
    const bob = await idp.sign(aUser('bob', 'requester'));
    const first = await burst(alice, 5);
    const second = await burst(aliceAgain, 5);
    // Two tokens of one person share one limit.
    expect(ok([...first, ...second])).toHaveLength(8);
    const refusal = refused(second)[0] ?? refused(first)[0];
    expect(refusal?.body['detail']).toContain('alice@example.com');
    expect(header(refusal as Answer, 'retry-after')).not.toBeNull();

    // Bob's quota of projects in flight holds too (his rate: 8 at once, 3 used here).
    expect((await submit(bob, 'bob-1')).status).toBe(202);
    expect((await submit(bob, 'bob-2', replica.url)).status).toBe(202);
    const over = await submit(bob, 'bob-3');
    expect(over.status).toBe(429);
    expect(over.body['type']).toMatch(/:too-many-projects-in-flight$/);
    expect(Number(header(over, 'ratelimit-remaining'))).toBe(5);
  });
});
