import { type INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import { type Footprint, footprintOf } from '../support/footprint';
import { type Gateway, startGateway } from '../support/gateway-harness';
import {
  bodyFraming,
  framed,
  headerValue,
  hostileBody,
  hostileQuery,
  oddText,
  segment,
} from '../support/hostile-arbitraries';
import { type RawOutcome, type RawRequest, sendRaw } from '../support/raw-http';
import { answerAsEmptyMemory } from '../support/memory-service-double';
import { answerAsEmptySkillsRegistry, type StopDouble } from '../support/skills-registry-double';
import { givenApproval, givenProject } from '../support/read-model-rows';

// Property-based: fast-check generates hostile bodies, query strings, headers and request lines
// for every route the running gateway serves. Properties: every request is answered within its
// bound (no hang, no reset), never with a 5xx, every error is a problem+json, and afterwards
// nothing was created (rows, outbox, bus).

/** A route as express serves it, e.g. `POST /v1/projects/:id/cancel`. */
interface Route {
  readonly method: string;
  readonly path: string;
}

type Header = [string, string];

const REQUEST_BOUND_MS = 5_000;
const RUNS = { bodies: 700, queries: 500, wire: 500 };
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Every route registered on the express router (Nest's controllers, health, metrics, docs), so a
// route added later is covered without editing this test. Nest binds middleware (`forRoutes`) as
// `/{*path}` routes of every method; those are not routes of the API.
function routesOf(app: INestApplication): Route[] {
  const express = app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: unknown; methods: Record<string, boolean> } }[] };
  };
  return express.router.stack.flatMap(({ route }) =>
    route === undefined || typeof route.path !== 'string' || route.path.includes('{*')
      ? []
      : Object.keys(route.methods)
          .filter((method) => method !== '_all')
          .map((method) => ({ method: method.toUpperCase(), path: route.path as string })),
  );
}

describe('hostile input, property-based, against a running gateway', () => {
  let gw: Gateway;
  let routes: Route[];
  let projectId: string;
  let before: Footprint;
  const cases = { bodies: 0, queries: 0, wire: 0 };
  const statuses = new Map<number, number>();
  let stopRegistry: StopDouble | undefined;
  let stopMemory: StopDouble | undefined;

  beforeAll(async () => {
    gw = await startGateway();
    stopRegistry = await answerAsEmptySkillsRegistry(gw.namespace);
    stopMemory = await answerAsEmptyMemory(gw.namespace);
    projectId = await givenProject(gw, { state: 'waiting_approval' });
    await givenApproval(gw, projectId, { gate: 'prd_approval' });
    routes = routesOf(gw.app);
    before = await footprintOf(gw);
  });
  afterAll(async () => {
    const total = cases.bodies + cases.queries + cases.wire;
    const byStatus = [...statuses.entries()].sort(([a], [b]) => a - b);
    console.log(
      `hostile input: ${total} requests (bodies ${cases.bodies}, queries ${cases.queries}, ` +
        `wire ${cases.wire}) over ${routes.length} routes; ` +
        `statuses ${byStatus.map(([s, n]) => `${s}×${n}`).join(' ')}`,
    );
    await stopRegistry?.();
    await stopMemory?.();
    await gw?.stop();
  });

  const keyOf = (role: keyof Gateway['keys']) => gw.keys[role];

  // A route with its parameters filled: mostly real (the project, its open gate), else hostile.
  const target = (route: Route): fc.Arbitrary<string> => {
    const good: Record<string, string> = { id: projectId, gate: 'prd_approval', stage: 'prd' };
    const path = route.path.replace(/\{[^}]*\}/g, '');
    const names = [...path.matchAll(/[:*](\w+)/g)].map(([, name]) => name ?? '');
    return fc.tuple(...names.map((name) => segment(good[name] ?? projectId))).map((values) => {
      let at = 0;
      return path.replace(/[:*]\w+/g, () => values[at++] ?? 'x');
    });
  };

  const auth = (): fc.Arbitrary<Header[]> =>
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constant<Header[]>([['Authorization', `Bearer ${keyOf('admin')}`]]),
      },
      {
        weight: 2,
        arbitrary: fc
          .constantFrom<'viewer' | 'requester' | 'approver'>('viewer', 'requester', 'approver')
          .map((role): Header[] => [['Authorization', `Bearer ${keyOf(role)}`]]),
      },
      { weight: 1, arbitrary: fc.constant<Header[]>([]) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(
            fc.constantFrom('Authorization', 'X-API-Key'),
            fc.oneof(
              oddText,
              fc.constantFrom(
                'Bearer',
                'Bearer ',
                'Basic YTpi',
                `bearer   ${keyOf('admin')}  `,
                `Bearer ${keyOf('admin')} extra`,
                `Bearer ${'k'.repeat(8_000)}`,
              ),
            ),
          )
          .map(([name, value]): Header[] => [[name, headerValue(value)]]),
      },
      {
        weight: 1,
        arbitrary: fc.constant<Header[]>([
          ['Authorization', `Bearer ${keyOf('viewer')}`],
          ['Authorization', `Bearer ${keyOf('admin')}`],
        ]),
      },
    );

  const extraHeaders = fc.array(
    fc.tuple(
      fc.constantFrom(
        'Idempotency-Key',
        'Last-Event-ID',
        'Accept',
        'Accept-Charset',
        'Origin',
        'X-Forwarded-For',
        'Range',
        'Cookie',
        'If-None-Match',
      ),
      oddText.map(headerValue),
    ),
    { maxLength: 3 },
  );

  const routeAndMethod = (): fc.Arbitrary<{ route: Route; method: string }> =>
    fc.constantFrom(...routes).chain((route) =>
      fc.record({
        route: fc.constant(route),
        method: fc.oneof(
          { weight: 6, arbitrary: fc.constant(route.method) },
          {
            weight: 1,
            arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'),
          },
        ),
      }),
    );

  const describeRequest = (request: RawRequest): string =>
    `${request.method ?? 'GET'} ${(request.target ?? '/').slice(0, 200)} ` +
    `headers ${JSON.stringify(request.headers?.map(([n, v]) => [n, v.slice(0, 80)]))} ` +
    `body ${Buffer.from(request.body ?? [])
      .subarray(0, 200)
      .toString('latin1')}`;

  // The properties every request must have: answered in time, no 5xx, errors as problem+json.
  const expectSane = (outcome: RawOutcome, request: RawRequest): void => {
    if (outcome.kind !== 'answered') {
      throw new Error(`${outcome.kind} without an answer: ${describeRequest(request)}`);
    }
    statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
    // Every request here is hostile: one that changes something has been accepted by mistake.
    if (MUTATING.has((request.method ?? 'GET').toUpperCase()) && outcome.status < 300) {
      throw new Error(`accepted with ${outcome.status}: ${describeRequest(request)}`);
    }
    if (!(outcome.status >= 100 && outcome.status < 500)) {
      throw new Error(`answered ${outcome.status}: ${describeRequest(request)}\n${outcome.body}`);
    }
    if (outcome.status >= 400) {
      expect(outcome.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (request.method !== 'HEAD') {
        expect(JSON.parse(outcome.body)).toMatchObject({ status: outcome.status });
      }
    }
  };

  const send = async (request: RawRequest, kind: keyof typeof cases): Promise<void> => {
    const outcome = await sendRaw(gw.url, request, REQUEST_BOUND_MS);
    cases[kind] += 1;
    expectSane(outcome, request);
  };

  it('serves the routes the controllers declare', () => {
    expect(routes).toEqual(
      expect.arrayContaining([
        { method: 'POST', path: '/v1/projects' },
        { method: 'GET', path: '/v1/projects' },
        { method: 'GET', path: '/v1/projects/:id' },
        { method: 'POST', path: '/v1/projects/:id/approvals/:gate' },
        { method: 'POST', path: '/v1/projects/:id/cancel' },
        { method: 'POST', path: '/v1/projects/:id/restart' },
        { method: 'GET', path: '/v1/projects/:id/events' },
        { method: 'GET', path: '/v1/projects/:id/artifacts' },
        { method: 'GET', path: '/v1/projects/:id/artifacts/:stage' },
        { method: 'POST', path: '/v1/api-keys' },
      ]),
    );
  });

  it(`answers ${RUNS.bodies} hostile bodies on every route without a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(
        routeAndMethod().chain(({ route, method }) =>
          fc.record({
            method: fc.constant(method),
            target: target(route),
            auth: auth(),
            extra: extraHeaders,
            body: hostileBody,
            framing: bodyFraming,
          }),
        ),
        async ({ method, target: path, auth: credentials, extra, body, framing }) => {
          const sent = framed(body.bytes, framing);
          await send(
            {
              method,
              target: path,
              headers: [...credentials, ...sent.headers, ...extra],
              body: sent.body,
            },
            'bodies',
          );
        },
      ),
      { numRuns: RUNS.bodies },
    );
  }, 240_000);

  it(`answers ${RUNS.queries} hostile query strings on every route without a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(
        routeAndMethod().chain(({ route, method }) =>
          fc.record({
            method: fc.constant(method),
            target: target(route),
            query: hostileQuery,
            auth: auth(),
            extra: extraHeaders,
            // A mutating request always carries a poisoned body: its query alone refuses nothing.
            body: MUTATING.has(method) ? hostileBody : fc.constant(undefined),
          }),
        ),
        async ({ method, target: path, query, auth: credentials, extra, body: hostile }) => {
          const body = hostile?.bytes;
          const json: Header[] = body === undefined ? [] : [['Content-Type', 'application/json']];
          await send(
            {
              method,
              target: `${path}?${query}`,
              headers: [...credentials, ...json, ...extra],
              ...(body === undefined ? {} : { body }),
            },
            'queries',
          );
        },
      ),
      { numRuns: RUNS.queries },
    );
  }, 240_000);

  it(`answers ${RUNS.wire} malformed request lines and headers with a problem`, async () => {
    const wire = routeAndMethod().chain(({ route, method }) =>
      fc.record({
        method: fc.oneof(
          { weight: 4, arbitrary: fc.constant(method) },
          fc.constantFrom(
            'get',
            'BREW',
            '',
            'PRI',
            'TRACE',
            'PURGE',
            'SEARCH',
            'CONNECT',
            'OPTIONS',
          ),
        ),
        target: fc.oneof(
          { weight: 4, arbitrary: target(route) },
          fc.constantFrom(
            '*',
            'http://127.0.0.1/v1/projects',
            '//v1/projects',
            '/v1/pro jects',
            '/v1/projects\u0000',
            'v1/projects',
            '/v1/%ZZ',
            '/\u00e9',
            '',
          ),
          fc.integer({ min: 17_000, max: 40_000 }).map((n) => `/v1/projects?q=${'q'.repeat(n)}`),
        ),
        version: fc.oneof(
          { weight: 6, arbitrary: fc.constant('HTTP/1.1') },
          fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/1.2', 'HTTX/1.1', 'http/1.1', ''),
        ),
        auth: auth(),
        headers: fc.oneof(
          { weight: 2, arbitrary: fc.constant([] as Header[]) },
          fc
            .integer({ min: 17_000, max: 70_000 })
            .map((n): Header[] => [['X-Padding', 'p'.repeat(n)]]),
          fc
            .integer({ min: 50, max: 3_000 })
            .map((n) => Array.from({ length: n }, (_, i): Header => [`X-H${i}`, 'v'])),
          fc.constantFrom<Header[]>(
            [['Bad Header', 'x']],
            [['X(', 'x']],
            [['é', 'x']],
            [['X-Nul', 'a\u0000b']],
            [['X-Cr', 'a\rb']],
            [['X-Fold', 'a\r\n b']],
            [['Content-Length', '-1']],
            [['Content-Length', '1e3']],
            [['Content-Length', '0x10']],
            [
              ['Content-Length', '2'],
              ['Content-Length', '3'],
            ],
            [['Transfer-Encoding', 'gzip']],
            [['Host', '']],
            [
              ['Host', 'a'],
              ['Host', 'b'],
            ],
            [['Expect', '100-continue']],
            [['Expect', 'teapot']],
            [
              ['Upgrade', 'websocket'],
              ['Connection', 'Upgrade'],
            ],
          ),
        ),
        chunked: fc.boolean(),
        withBody: fc.boolean(),
        poisoned: hostileBody,
      }),
    );
    await fc.assert(
      fc.asyncProperty(wire, async (request) => {
        const { method, target: path, version, auth: credentials, headers, chunked } = request;
        // A mutating request always carries a poisoned body: without one, a cancel is valid.
        const body =
          request.withBody || MUTATING.has(method.toUpperCase())
            ? request.poisoned.bytes
            : undefined;
        const declaresLength = headers.some(([name]) =>
          /^(content-length|transfer-encoding)$/i.test(name),
        );
        const encoded = body !== undefined && chunked && !declaresLength ? chunkedBody(body) : body;
        const framing: Header[] = encoded !== body ? [['Transfer-Encoding', 'chunked']] : [];
        const typed: Header[] = body === undefined ? [] : [['Content-Type', 'application/json']];
        // A body the headers already frame (or mis-frame) is left out: the request stays complete.
        const sent = declaresLength ? undefined : encoded;
        await send(
          {
            method,
            target: path,
            version,
            headers: [...credentials, ...typed, ...framing, ...headers],
            ...(sent === undefined ? {} : { body: sent }),
          },
          'wire',
        );
      }),
      { numRuns: RUNS.wire },
    );
  }, 240_000);

  it('created nothing, and the gateway still serves', async () => {
    expect(await footprintOf(gw)).toEqual(before);
    expect((await gw.call('/v1/projects', { as: 'viewer' })).status).toBe(200);
    expect(cases.bodies + cases.queries + cases.wire).toBeGreaterThanOrEqual(
      RUNS.bodies + RUNS.queries + RUNS.wire,
    );
  });
});

// Chunked transfer coding: the body in two chunks (or one when short), then the last chunk.
function chunkedBody(body: Buffer): Buffer {
  const half = Math.ceil(body.length / 2);
  const parts = [body.subarray(0, half), body.subarray(half)].filter((part) => part.length > 0);
  return Buffer.concat([
    ...parts.flatMap((part) => [
      Buffer.from(`${part.length.toString(16)}\r\n`),
      part,
      Buffer.from('\r\n'),
    ]),
    Buffer.from('0\r\n\r\n'),
  ]);
}
