import { workflowMessageCount } from '../support/bus-commands';
import {
  type CallOptions,
  type Gateway,
  outboxDrained,
  startGateway,
} from '../support/gateway-harness';
import { givenApproval, givenProject } from '../support/read-model-rows';

const valid = { name: 'Valid', requirements: 'Build a thing.' };
const utf8 = (text: string) => new TextEncoder().encode(text);
const withBytes = (before: string, bytes: number[], after: string) =>
  Uint8Array.from([...utf8(before), ...bytes, ...utf8(after)]);
const json = { 'content-type': 'application/json' };

/** [case, request, status, problem fields expected, error path expected]. */
const CREATE_CASES: [string, CallOptions, number, string | undefined][] = [
  ['empty requirements', { json: { ...valid, requirements: '' } }, 400, 'requirements'],
  [
    'whitespace-only requirements',
    { json: { ...valid, requirements: ' \n\t ' } },
    400,
    'requirements',
  ],
  [
    'requirements over 200 000 characters',
    { json: { ...valid, requirements: 'x'.repeat(200_001) } },
    400,
    'requirements',
  ],
  [
    'astral characters over the limit in UTF-16 units',
    { json: { ...valid, requirements: '😀'.repeat(100_001) } },
    400,
    'requirements',
  ],
  [
    'a lone surrogate',
    { body: '{"name":"a","requirements":"bad \\ud800 text"}', headers: json },
    400,
    'requirements',
  ],
  ['a NUL character', { json: { ...valid, requirements: 'a\u0000b' } }, 400, 'requirements'],
  ['an empty name', { json: { ...valid, name: '' } }, 400, 'name'],
  ['a multi-line name', { json: { ...valid, name: 'a\nb' } }, 400, 'name'],
  ['a missing body', { headers: json }, 400, 'name'],
  ['an unknown field', { json: { ...valid, priority: 'high' } }, 400, 'priority'],
  [
    'an unknown nested field',
    { json: { ...valid, options: { gates: { qa_approval: true } } } },
    400,
    'options.gates.qa_approval',
  ],
  ['a number as name', { json: { ...valid, name: 42 } }, 400, 'name'],
  [
    'a string as maxTokens',
    { json: { ...valid, options: { budget: { maxTokens: '100' } } } },
    400,
    'options.budget.maxTokens',
  ],
  [
    'a string as a gate flag',
    { json: { ...valid, options: { gates: { prd_approval: 'yes' } } } },
    400,
    'options.gates.prd_approval',
  ],
  ['null options', { json: { ...valid, options: null } }, 400, 'options'],
  ['options that are not an object', { json: { ...valid, options: 'fast' } }, 400, 'options'],
  ['an empty budget', { json: { ...valid, options: { budget: {} } } }, 400, 'options.budget'],
  [
    'a negative cost budget',
    { json: { ...valid, options: { budget: { maxCostUsd: -1 } } } },
    400,
    'options.budget.maxCostUsd',
  ],
  ['a JSON array', { json: [valid] }, 400, undefined],
  ['malformed JSON', { body: '{"name": "a",', headers: json }, 400, undefined],
  [
    'bytes that are not UTF-8',
    { body: withBytes('{"name":"a","requirements":"caf', [0xe9], '"}'), headers: json },
    400,
    undefined,
  ],
  [
    'a truncated UTF-8 sequence',
    { body: withBytes('{"name":"a","requirements":"', [0xe2, 0x82], '"}'), headers: json },
    400,
    undefined,
  ],
  [
    'a body over the size limit',
    { body: `{"name":"a","requirements":"${'x'.repeat(1_100_000)}"}`, headers: json },
    413,
    undefined,
  ],
  [
    'a text/plain body',
    { body: 'name=a', headers: { 'content-type': 'text/plain' } },
    415,
    undefined,
  ],
  [
    'a latin-1 JSON body',
    {
      body: JSON.stringify(valid),
      headers: { 'content-type': 'application/json; charset=latin1' },
    },
    415,
    undefined,
  ],
  [
    'a malformed Idempotency-Key',
    { json: valid, headers: { 'idempotency-key': 'x'.repeat(256) } },
    400,
    'header Idempotency-Key',
  ],
];

describe('bad input: a clear 4xx problem, and nothing changes', () => {
  let gw: Gateway;
  let projectId: string;
  beforeAll(async () => {
    gw = await startGateway();
    projectId = await givenProject(gw, { state: 'waiting_approval' });
    await givenApproval(gw, projectId, { gate: 'prd_approval' });
  });
  afterAll(() => gw?.stop());

  const expectNothingChanged = async (before: number) => {
    await outboxDrained(gw);
    expect(await workflowMessageCount(gw.nc, gw.namespace)).toBe(before);
    const { rows } = await gw.sql.query(
      `SELECT count(*)::int AS n FROM "${gw.schemas.gateway}".submissions`,
    );
    expect(rows[0]).toEqual({ n: 0 });
  };

  it.each(CREATE_CASES)('POST /v1/projects with %s', async (_case, request, status, path) => {
    const before = await workflowMessageCount(gw.nc, gw.namespace);
    const response = await gw.call('/v1/projects', { method: 'POST', as: 'requester', ...request });

    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as {
      status: number;
      title: string;
      detail: string;
      errors?: { path: string }[];
    };
    expect(problem).toMatchObject({
      status,
      title: expect.any(String),
      detail: expect.any(String),
      instance: '/v1/projects',
    });
    if (path !== undefined) expect(problem.errors?.map((error) => error.path)).toContain(path);
    await expectNothingChanged(before);
  });

  it('says which bytes were wrong when the body is not UTF-8', async () => {
    const response = await gw.call('/v1/projects', {
      method: 'POST',
      as: 'requester',
      body: withBytes('{"name":"a","requirements":"', [0xff, 0xfe], '"}'),
      headers: json,
    });
    expect(await response.json()).toMatchObject({
      type: 'urn:agentbus:problem:invalid-utf8',
      detail: 'The request body is not valid UTF-8.',
    });
  });

  const COMMAND_CASES: [string, () => string, CallOptions, number, string | undefined][] = [
    [
      'restart from an unknown stage',
      () => `/v1/projects/${projectId}/restart`,
      { json: { fromStage: 'coding' } },
      400,
      'fromStage',
    ],
    [
      'restart without a stage',
      () => `/v1/projects/${projectId}/restart`,
      { json: {} },
      400,
      'fromStage',
    ],
    [
      'cancel with an unknown field',
      () => `/v1/projects/${projectId}/cancel`,
      { json: { force: true } },
      400,
      'force',
    ],
    [
      'cancel with a 2 001-character reason',
      () => `/v1/projects/${projectId}/cancel`,
      { json: { reason: 'r'.repeat(2_001) } },
      400,
      'reason',
    ],
    [
      'a decision outside the enum',
      () => `/v1/projects/${projectId}/approvals/prd_approval`,
      { json: { decision: 'maybe' } },
      400,
      'decision',
    ],
    [
      'request_changes without a comment',
      () => `/v1/projects/${projectId}/approvals/prd_approval`,
      { json: { decision: 'request_changes' } },
      400,
      'comment',
    ],
    [
      'raiseBudget on the PRD gate',
      () => `/v1/projects/${projectId}/approvals/prd_approval`,
      { json: { decision: 'approve', raiseBudget: { maxTokens: 10 } } },
      400,
      'raiseBudget',
    ],
    [
      'an attempt of the wrong type',
      () => `/v1/projects/${projectId}/approvals/prd_approval`,
      { json: { decision: 'approve', attempt: '1' } },
      400,
      'attempt',
    ],
    [
      'an unknown gate',
      () => `/v1/projects/${projectId}/approvals/qa_approval`,
      { json: { decision: 'approve' } },
      404,
      undefined,
    ],
    [
      'an unknown project',
      () => '/v1/projects/0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f/cancel',
      { json: {} },
      404,
      undefined,
    ],
  ];

  it.each(COMMAND_CASES)('%s', async (_case, path, request, status, errorPath) => {
    const before = await workflowMessageCount(gw.nc, gw.namespace);
    const response = await gw.call(path(), { method: 'POST', as: 'admin', ...request });

    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { errors?: { path: string }[] };
    if (errorPath !== undefined) {
      expect(problem.errors?.map((error) => error.path)).toContain(errorPath);
    }
    await expectNothingChanged(before);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await gw.call('/v1/nothing-here', { as: 'viewer' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
