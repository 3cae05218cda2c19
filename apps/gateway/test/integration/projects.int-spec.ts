import { ProjectSubmittedV1, STREAMS, wireStreamName } from '@agentbus/contracts';
import { streamConfigOf } from '@agentbus/messaging';
import { jetstreamManager } from '@nats-io/jetstream';
import { eventually } from '@agentbus/testing';
import { messagesOn } from '../support/bus-commands';
import { type Gateway, outboxDrained, startGateway } from '../support/gateway-harness';
import { givenApproval, givenLlmCall, givenProject, givenStage } from '../support/read-model-rows';

const aSubmission = (overrides: object = {}) => ({
  name: 'Weather dashboard',
  requirements: '# Weather\nShow the forecast for a city.',
  ...overrides,
});

describe('projects: create, list, get', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw?.stop());

  const submitted = (projectId: string) =>
    messagesOn(gw.nc, gw.namespace, ProjectSubmittedV1.subject).then((messages) =>
      messages.filter((m) => m.envelope.data['projectId'] === projectId),
    );

  it('accepts a project with 202 and Location, and publishes ProjectSubmitted with its data', async () => {
    const body = aSubmission({ options: { budget: { maxTokens: 50_000 } } });
    const response = await gw.call('/v1/projects', { method: 'POST', as: 'requester', json: body });

    expect(response.status).toBe(202);
    const created = (await response.json()) as {
      id: string;
      status: string;
      links: { self: string };
    };
    expect(created).toMatchObject({
      status: 'queued',
      links: { self: `/v1/projects/${created.id}` },
    });
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/); // uuid v7
    expect(response.headers.get('location')).toBe(`/v1/projects/${created.id}`);
    const [message, ...more] = await eventually(async () => {
      const found = await submitted(created.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(more).toEqual([]);
    expect(message?.msgId).toBe(message?.envelope.id);
    expect(message?.envelope).toMatchObject({
      type: ProjectSubmittedV1.subject,
      correlationId: created.id,
      data: {
        projectId: created.id,
        name: 'Weather dashboard',
        requirements: body.requirements,
        options: {
          gates: { prd_approval: true, delivery_approval: false },
          budget: { maxTokens: 50_000 },
        },
        submittedBy: 'test-requester',
      },
    });
  });

  it('answers a retry with the same Idempotency-Key and body with the same response, and one command', async () => {
    const headers = { 'idempotency-key': `retry-${Date.now()}` };
    const first = await gw.call('/v1/projects', {
      method: 'POST',
      as: 'requester',
      json: aSubmission(),
      headers,
    });
    // Same content, other key order and whitespace: still the same request.
    const again = await gw.call('/v1/projects', {
      method: 'POST',
      as: 'requester',
      body: JSON.stringify(
        { requirements: aSubmission().requirements, name: 'Weather dashboard' },
        null,
        2,
      ),
      headers: { ...headers, 'content-type': 'application/json' },
    });

    expect(again.status).toBe(202);
    const created = (await first.json()) as { id: string };
    expect(await again.json()).toEqual(created);
    expect(again.headers.get('location')).toBe(`/v1/projects/${created.id}`);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    await outboxDrained(gw);
    expect(await submitted(created.id)).toHaveLength(1);
    const { rows } = await gw.sql.query(
      `SELECT count(*)::int AS n FROM "${gw.schemas.gateway}".submissions`,
    );
    expect(rows[0]).toEqual({ n: 2 }); // this test's and the first test's
  });

  it('refuses the same Idempotency-Key with another body (422) and changes nothing', async () => {
    const headers = { 'idempotency-key': `reuse-${Date.now()}` };
    const first = await gw.call('/v1/projects', {
      method: 'POST',
      as: 'requester',
      json: aSubmission(),
      headers,
    });
    const { id } = (await first.json()) as { id: string };
    const other = await gw.call('/v1/projects', {
      method: 'POST',
      as: 'requester',
      json: aSubmission({ requirements: 'something else' }),
      headers,
    });

    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(await other.json()).toMatchObject({
      status: 422,
      type: 'urn:agentbus:problem:idempotency-key-reused',
    });
    await outboxDrained(gw);
    expect(await submitted(id)).toHaveLength(1);
    const withOtherBody = (
      await messagesOn(gw.nc, gw.namespace, ProjectSubmittedV1.subject)
    ).filter((m) => m.envelope.data['requirements'] === 'something else');
    expect(withOtherBody).toEqual([]);
  });

  it('scopes Idempotency-Keys to the API key: another key with the same value creates another project', async () => {
    const headers = { 'idempotency-key': `shared-${Date.now()}` };
    const mine = await gw.call('/v1/projects', {
      method: 'POST',
      as: 'requester',
      json: aSubmission(),
      headers,
    });
    const theirs = await gw.call('/v1/projects', {
      method: 'POST',
      as: 'admin',
      json: aSubmission(),
      headers,
    });
    expect(((await mine.json()) as { id: string }).id).not.toBe(
      ((await theirs.json()) as { id: string }).id,
    );
  });

  it('shows a submission as queued in get and list until the orchestrator has created it', async () => {
    const response = await gw.call('/v1/projects', {
      method: 'POST',
      as: 'requester',
      json: aSubmission({ name: 'Queued one' }),
    });
    const { id } = (await response.json()) as { id: string };

    const detail = await gw.call(`/v1/projects/${id}`, { as: 'viewer' });
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({
      id,
      name: 'Queued one',
      state: 'queued',
      workflowVersion: null,
      stages: [],
      gates: [],
      submittedBy: 'test-requester',
    });
    const queued = await (
      await gw.call('/v1/projects?state=queued&limit=100', { as: 'viewer' })
    ).json();
    expect((queued as { items: { id: string }[] }).items.map((item) => item.id)).toContain(id);

    await givenProject(gw, { id, name: 'Queued one', state: 'running' });
    expect(await (await gw.call(`/v1/projects/${id}`, { as: 'viewer' })).json()).toMatchObject({
      state: 'running',
    });
    const all = (await (await gw.call('/v1/projects?limit=100', { as: 'viewer' })).json()) as {
      items: { id: string }[];
    };
    expect(all.items.filter((item) => item.id === id)).toHaveLength(1);
  });

  it('returns 404 problem for an unknown project and 400 for an id that is not a uuid', async () => {
    const unknown = await gw.call('/v1/projects/0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f', {
      as: 'viewer',
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      type: 'urn:agentbus:problem:project-not-found',
      title: 'Not Found',
      status: 404,
      instance: '/v1/projects/0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f',
    });
    const malformed = await gw.call('/v1/projects/not-a-uuid', { as: 'viewer' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      errors: [{ path: 'id', message: expect.stringContaining('UUID') }],
    });
  });

  it('returns a project with its stages, gates, usage and budget', async () => {
    const id = await givenProject(gw, {
      state: 'waiting_approval',
      budget: { maxTokens: 100_000 },
      tokensUsed: 1_500,
      costUsd: 0.012,
    });
    await givenStage(gw, id, { stage: 'feature_tree', state: 'pending', attempt: 0 });
    await givenStage(gw, id, {
      stage: 'prd',
      state: 'succeeded',
      attempt: 2,
      artifactVersion: 2,
      ran: true,
    });
    const decided = await givenApproval(gw, id, {
      gate: 'prd_approval',
      attempt: 1,
      state: 'decided',
      decision: 'request_changes',
      decidedBy: 'alice',
    });
    const open = await givenApproval(gw, id, { gate: 'prd_approval', attempt: 2 });
    await givenLlmCall(gw, id, {
      stage: 'prd',
      attempt: 1,
      inputTokens: 500,
      outputTokens: 200,
      costUsd: 0.004,
    });
    await givenLlmCall(gw, id, {
      stage: 'prd',
      attempt: 2,
      inputTokens: 600,
      outputTokens: 200,
      costUsd: 0.008,
    });

    const response = await gw.call(`/v1/projects/${id}`, { as: 'viewer' });

    expect(response.status).toBe(200);
    const project = (await response.json()) as Record<string, unknown>;
    expect(project).toMatchObject({
      id,
      state: 'waiting_approval',
      workflowVersion: 1,
      stages: [
        {
          stage: 'prd',
          state: 'succeeded',
          attempt: 2,
          artifactVersion: 2,
          durationMs: 5_000,
          usage: { inputTokens: 1_100, outputTokens: 400, costUsd: 0.012, llmCalls: 2 },
        },
        {
          stage: 'feature_tree',
          state: 'pending',
          artifactVersion: null,
          startedAt: null,
          usage: { llmCalls: 0 },
        },
      ],
      gates: [
        {
          id: decided,
          gate: 'prd_approval',
          attempt: 1,
          open: false,
          decision: 'request_changes',
          decidedBy: 'alice',
        },
        { id: open, gate: 'prd_approval', attempt: 2, open: true, decision: null },
      ],
      usage: {
        inputTokens: 1_100,
        outputTokens: 400,
        totalTokens: 1_500,
        costUsd: 0.012,
        llmCalls: 2,
      },
      budget: { maxTokens: 100_000, maxCostUsd: null, tokensUsed: 1_500, costUsd: 0.012 },
      links: { events: `/v1/projects/${id}/events` },
    });
    expect(project).not.toHaveProperty('requirements');
  });
});

describe('projects: list with filter and cursor', () => {
  let gw: Gateway;
  const ids: string[] = [];
  beforeAll(async () => {
    gw = await startGateway();
    // Five projects a second apart (two failed), plus two sharing one created_at to test the tie-break on id.
    for (const [i, state] of ['running', 'failed', 'running', 'failed', 'completed'].entries()) {
      ids.push(await givenProject(gw, { state, createdAt: `2025-11-2${i}T10:00:00.123456Z` }));
    }
    ids.push(
      await givenProject(gw, { state: 'running', createdAt: '2025-11-26T10:00:00.000001Z' }),
    );
    ids.push(
      await givenProject(gw, { state: 'running', createdAt: '2025-11-26T10:00:00.000001Z' }),
    );
  });
  afterAll(() => gw?.stop());

  type Page = { items: { id: string; state: string }[]; nextCursor: string | null };
  const page = async (query: string): Promise<Page> => {
    const response = await gw.call(`/v1/projects?${query}`, { as: 'viewer' });
    expect(response.status).toBe(200);
    return (await response.json()) as Page;
  };

  it('walks every project exactly once, newest first, with an opaque cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const result: Page = await page(`limit=2${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(result.items.length).toBeLessThanOrEqual(2);
      seen.push(...result.items.map((item) => item.id));
      cursor = result.nextCursor;
    } while (cursor !== null);
    const [tieA, tieB] = [ids[5], ids[6]].sort().reverse();
    expect(seen).toEqual([tieA, tieB, ids[4], ids[3], ids[2], ids[1], ids[0]]);
  });

  it('filters by state across pages', async () => {
    const first = await page('state=failed&limit=1');
    expect(first.items).toEqual([expect.objectContaining({ id: ids[3], state: 'failed' })]);
    const second = await page(`state=failed&limit=1&cursor=${first.nextCursor}`);
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[1] })], nextCursor: null });
  });

  it('searches names across pages, ignoring case, with LIKE characters taken literally', async () => {
    const bikes = [
      await givenProject(gw, { name: 'Bike rental', createdAt: '2025-11-27T10:00:00Z' }),
      await givenProject(gw, { name: 'E-BIKE fleet', createdAt: '2025-11-27T11:00:00Z' }),
      await givenProject(gw, { name: '100% bike_share', createdAt: '2025-11-27T12:00:00Z' }),
    ];
    const first = await page('q=bike&limit=2');
    expect(first.items.map((item) => item.id)).toEqual([bikes[2], bikes[1]]);
    const second = await page(`q=bike&limit=2&cursor=${first.nextCursor}`);
    expect(second).toEqual({
      items: [expect.objectContaining({ id: bikes[0] })],
      nextCursor: null,
    });
    expect((await page('q=0%25%20b')).items.map((item) => item.id)).toEqual([bikes[2]]);
    expect((await page('q=e_fleet')).items).toEqual([]); // '_' would match the space
    expect((await page('q=%20BIKE%20&state=running')).items).toHaveLength(3);
  });

  it('refuses a bad limit, state or cursor with 400 naming the parameter', async () => {
    for (const [query, path] of [
      ['limit=101', 'limit'],
      ['limit=abc', 'limit'],
      ['state=paused', 'state'],
      ['cursor=abc', 'cursor'],
      ['colour=red', 'colour'],
      ['q=%20%20', 'q'],
      [`q=${'x'.repeat(201)}`, 'q'],
    ]) {
      const response = await gw.call(`/v1/projects?${query}`, { as: 'viewer' });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        errors: expect.arrayContaining([expect.objectContaining({ path })]),
      });
    }
  });
});

describe('projects: a submission while the bus refuses publishes', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw?.stop());

  it('is accepted, answered the same on retry, and published exactly once when the bus is back', async () => {
    const jsm = await jetstreamManager(gw.nc);
    await jsm.streams.delete(wireStreamName(gw.namespace, STREAMS.workflow.name));
    const request = {
      method: 'POST',
      as: 'requester',
      json: aSubmission(),
      headers: { 'idempotency-key': 'outage-1' },
    } as const;

    const first = await gw.call('/v1/projects', request);
    const retry = await gw.call('/v1/projects', request);

    expect(first.status).toBe(202);
    const created = (await first.json()) as { id: string };
    expect(await retry.json()).toEqual(created);
    const waiting = await gw.sql.query(
      `SELECT id, envelope->'data'->>'projectId' AS project FROM "${gw.schemas.gateway}".outbox WHERE sent_at IS NULL`,
    );
    expect(waiting.rows).toEqual([{ id: expect.any(String), project: created.id }]);

    await jsm.streams.add(streamConfigOf(gw.namespace, STREAMS.workflow));
    await outboxDrained(gw);
    const messages = await messagesOn(gw.nc, gw.namespace, ProjectSubmittedV1.subject);
    expect(messages.map((m) => [m.msgId, m.envelope.data['projectId']])).toEqual([
      [waiting.rows[0].id, created.id],
    ]);
  });
});
