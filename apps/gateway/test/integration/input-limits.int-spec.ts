import { footprintOf } from '../support/footprint';
import { type Gateway, startGateway } from '../support/gateway-harness';
import { sendRaw, type RawOutcome } from '../support/raw-http';
import { givenApproval, givenProject } from '../support/read-model-rows';

// The defects of issue 8, item 1, reproduced: each answered with a 4xx problem, nothing created.

interface ProblemBody {
  type: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

const json = { 'content-type': 'application/json' };
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const manyKeys = (count: number) =>
  `{${Array.from({ length: count }, (_, i) => `"k${i}":${i}`).join(',')}}`;
const valid = '"name":"Limits","requirements":"Build a thing."';

const expectProblem = async (response: Response, status: number): Promise<ProblemBody> => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = (await response.json()) as ProblemBody;
  expect(problem.status).toBe(status);
  return problem;
};

const expectRawProblem = (outcome: RawOutcome, status: number, type: string) => {
  expect(outcome).toMatchObject({ kind: 'answered', status, complete: true });
  if (outcome.kind !== 'answered') return;
  expect(outcome.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(outcome.body)).toMatchObject({ type: `urn:agentbus:problem:${type}`, status });
};

describe('input limits', () => {
  let gw: Gateway;
  let projectId: string;
  let jsonRoutes: string[];
  beforeAll(async () => {
    gw = await startGateway();
    projectId = await givenProject(gw, { state: 'waiting_approval' });
    await givenApproval(gw, projectId, { gate: 'prd_approval' });
    jsonRoutes = [
      '/v1/projects',
      '/v1/api-keys',
      `/v1/projects/${projectId}/approvals/prd_approval`,
      `/v1/projects/${projectId}/cancel`,
      `/v1/projects/${projectId}/restart`,
    ];
  });
  afterAll(() => gw?.stop());

  describe('JSON depth and key count, checked before parsing', () => {
    it("answers the issue's 3 000-deep body with 400 json-too-deep on every JSON route", async () => {
      const before = await footprintOf(gw);
      for (const path of jsonRoutes) {
        const response = await gw.call(path, {
          method: 'POST',
          body: nested(3_000),
          headers: json,
        });
        expect(await expectProblem(response, 400)).toMatchObject({
          type: 'urn:agentbus:problem:json-too-deep',
          detail: expect.stringContaining('32 levels'),
          limit: 'maxDepth',
          maxDepth: 32,
        });
      }
      expect(await footprintOf(gw)).toEqual(before);
    });

    it('refuses a megabyte of brackets the same way', async () => {
      const response = await gw.call('/v1/projects', {
        method: 'POST',
        body: '['.repeat(1_000_000),
        headers: json,
      });
      expect(await expectProblem(response, 400)).toMatchObject({ maxDepth: 32 });
    });

    it('lets 32 levels through to validation, and stops 33', async () => {
      const at = (depth: number) => `{${valid},"extra":${nested(depth - 1)}}`;
      const ok = await gw.call('/v1/projects', { method: 'POST', body: at(32), headers: json });
      expect((await expectProblem(ok, 400)).type).toBe('urn:agentbus:problem:validation-failed');
      const over = await gw.call('/v1/projects', { method: 'POST', body: at(33), headers: json });
      expect((await expectProblem(over, 400)).type).toBe('urn:agentbus:problem:json-too-deep');
    });

    it('counts keys at every level: 1 000 reach validation, 1 001 get json-too-many-keys', async () => {
      const body = (count: number) => `{${valid},"extra":${manyKeys(count - 3)}}`;
      const ok = await gw.call('/v1/projects', {
        method: 'POST',
        body: body(1_000),
        headers: json,
      });
      expect((await expectProblem(ok, 400)).errors?.map((e) => e.path)).toEqual(['extra']);
      const over = await gw.call('/v1/projects', {
        method: 'POST',
        body: body(1_001),
        headers: json,
      });
      expect(await expectProblem(over, 400)).toMatchObject({
        type: 'urn:agentbus:problem:json-too-many-keys',
        detail: expect.stringContaining('1000 object keys'),
        maxKeys: 1_000,
      });
    });
  });

  describe('prototype keys, refused like unknown fields', () => {
    it.each([
      ['__proto__ at the top', `{${valid},"__proto__":{"admin":true}}`, '__proto__'],
      ['constructor at the top', `{${valid},"constructor":{"name":"x"}}`, 'constructor'],
      ['prototype at the top', `{${valid},"prototype":1}`, 'prototype'],
      ['an escaped __proto__', `{${valid},"\\u005f_proto__":{}}`, '__proto__'],
      [
        'constructor inside options.budget',
        `{${valid},"options":{"budget":{"maxTokens":5,"constructor":{"prototype":{}}}}}`,
        'options.budget.constructor',
      ],
    ])('POST /v1/projects with %s: 400 naming it, nothing created', async (_case, body, path) => {
      const before = await footprintOf(gw);
      const response = await gw.call('/v1/projects', {
        method: 'POST',
        as: 'requester',
        body,
        headers: json,
      });
      const problem = await expectProblem(response, 400);
      expect(problem.type).toBe('urn:agentbus:problem:validation-failed');
      expect(problem.errors).toContainEqual({ path, message: 'is not a known field' });
      expect(await footprintOf(gw)).toEqual(before);
    });

    it('refuses them on commands too, where the rest of the body is valid', async () => {
      const before = await footprintOf(gw);
      const cases: [string, string][] = [
        [`/v1/projects/${projectId}/cancel`, '{"__proto__":{"reason":"x"}}'],
        [
          `/v1/projects/${projectId}/approvals/prd_approval`,
          '{"decision":"approve","constructor":1}',
        ],
        ['/v1/api-keys', '{"name":"proto-key","role":"viewer","__proto__":{"role":"admin"}}'],
      ];
      for (const [path, body] of cases) {
        const response = await gw.call(path, { method: 'POST', body, headers: json });
        expect((await expectProblem(response, 400)).errors?.[0]?.message).toBe(
          'is not a known field',
        );
      }
      expect(await footprintOf(gw)).toEqual(before);
    });

    it.each([
      ['constructor=1', 'constructor'],
      ['__proto__=x', '__proto__'],
      ['version=1&prototype=2', 'prototype'],
    ])('refuses them in a query string: %s', async (query, path) => {
      const response = await gw.call(`/v1/projects/${projectId}/artifacts/prd?${query}`);
      expect((await expectProblem(response, 400)).errors).toEqual([
        { path, message: 'is not a known field' },
      ]);
    });
  });

  describe('strict integers in query parameters', () => {
    it.each(['0x10', '1e1', '%205', '5%20', '%2B5', '+5', '05', '5.0', '-1', '١٠'])(
      'refuses limit=%s on GET /v1/projects',
      async (limit) => {
        const response = await gw.call(`/v1/projects?limit=${limit}`, { as: 'viewer' });
        expect((await expectProblem(response, 400)).errors).toEqual([
          { path: 'limit', message: 'must be an integer from 1 to 100' },
        ]);
      },
    );

    it.each(['0x10', '1e1', '%205', '%2B5', '05', '2147483648', '1&version=2'])(
      'refuses version=%s on GET /v1/projects/:id/artifacts/:stage',
      async (version) => {
        const response = await gw.call(
          `/v1/projects/${projectId}/artifacts/prd?version=${version}`,
        );
        expect((await expectProblem(response, 400)).errors?.map((e) => e.path)).toEqual([
          'version',
        ]);
      },
    );

    it('still reads a plain decimal', async () => {
      expect((await gw.call('/v1/projects?limit=16', { as: 'viewer' })).status).toBe(200);
      const artifact = await gw.call(`/v1/projects/${projectId}/artifacts/prd?version=16`);
      expect((await expectProblem(artifact, 404)).type).toBe(
        'urn:agentbus:problem:artifact-not-found',
      );
    });

    it.each(['%205', '0x10', '1e1'])('refuses lastEventId=%s on the event stream', async (id) => {
      const response = await gw.call(`/v1/projects/${projectId}/events?lastEventId=${id}`);
      expect((await expectProblem(response, 400)).errors?.map((e) => e.path)).toEqual([
        'lastEventId',
      ]);
    });
  });

  describe('requests Node cannot parse', () => {
    it.each([20_000, 70_000])(
      'answers a %i-byte header with a 431 problem, 10 times out of 10',
      async (size) => {
        for (let attempt = 0; attempt < 10; attempt += 1) {
          const outcome = await sendRaw(gw.url, {
            target: '/v1/projects',
            headers: [
              ['Authorization', `Bearer ${gw.keys.viewer}`],
              ['X-Padding', 'p'.repeat(size)],
            ],
          });
          expectRawProblem(outcome, 431, 'headers-too-large');
        }
      },
    );

    it.each([
      ['an unknown method', { method: 'BREW', target: '/v1/projects' }],
      ['a space in the target', { target: '/v1/pro jects' }],
      ['a header name with a space', { target: '/', headers: [['Bad Header', 'x']] as const }],
      ['a bad Content-Length', { target: '/', headers: [['Content-Length', 'ten']] as const }],
      [
        'two different Content-Lengths',
        {
          method: 'POST',
          target: '/v1/projects',
          headers: [
            ['Content-Length', '2'],
            ['Content-Length', '3'],
          ] as const,
          body: Buffer.from('{}'),
        },
      ],
      [
        'a broken chunked body',
        {
          method: 'POST',
          target: '/v1/projects',
          headers: [
            ['Content-Type', 'application/json'],
            ['Transfer-Encoding', 'chunked'],
          ] as const,
          body: Buffer.from('zz\r\n{}\r\n0\r\n\r\n'),
        },
      ],
    ])('answers %s with a 400 problem', async (_case, request) => {
      const outcome = await sendRaw(gw.url, request);
      expect(outcome).toMatchObject({ kind: 'answered', status: 400 });
      if (outcome.kind !== 'answered') return;
      expect(outcome.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('answers an HTTP/1.1 request without Host with a 400 problem', async () => {
      const outcome = await sendRaw(gw.url, {
        bytes: Buffer.from('GET /v1/projects HTTP/1.1\r\nConnection: close\r\n\r\n'),
      });
      expectRawProblem(outcome, 400, 'missing-host');
    });

    it('answers an unknown Expect with a 417 problem', async () => {
      const outcome = await sendRaw(gw.url, {
        target: '/v1/projects',
        headers: [['Expect', 'teapot']],
      });
      expectRawProblem(outcome, 417, 'expectation-failed');
    });

    it('answers a CONNECT with a 405 problem instead of closing', async () => {
      const outcome = await sendRaw(gw.url, { method: 'CONNECT', target: 'example.com:443' });
      expectRawProblem(outcome, 405, 'method-not-allowed');
    });

    it('keeps serving after all of it', async () => {
      expect((await gw.call('/v1/projects', { as: 'viewer' })).status).toBe(200);
    });
  });
});
