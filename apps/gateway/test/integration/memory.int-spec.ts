import { randomUUID } from 'node:crypto';
import {
  MemoryPatternDeleteV1,
  MemoryPatternGetV1,
  MemoryPatternStoreV1,
  MemorySearchV1,
  MemoryStatsV1,
  MemoryTemplatesListV1,
  type PatternView,
} from '@agentbus/contracts';
import { QueryFailedError } from '@agentbus/messaging';
import { type Gateway, startGateway } from '../support/gateway-harness';
import { givenProject } from '../support/read-model-rows';
import { RecordingResponders } from '../support/recording-responders';

// memory-service's behaviour has its own suites (apps/memory-service/test/integration); here
// responders on the real bus answer the real contracts, so what is tested is the gateway's part:
// routes, roles, workspaces, the request it sends, and how each answer (or silence) becomes HTTP.
describe('memory API', () => {
  let gw: Gateway;
  const service = new RecordingResponders();
  const { requests, respond } = service;
  const TEAM_A_PROJECT = randomUUID();

  const aPattern = (overrides: Partial<PatternView>): PatternView => ({
    id: 'manual-checklist',
    type: 'qa',
    source: 'manual',
    text: 'Contract tests for every 4xx answer.',
    metadata: {},
    retrievedCount: 0,
    successes: 0,
    failures: 0,
    successScore: 0.5,
    createdAt: '2026-12-02T09:00:00.000Z',
    lastUsedAt: null,
    ...overrides,
  });
  const teamKeys = new Map<string, { key: string }>();
  /** A key of workspace team-a only (made once per role). */
  const teamKey = async (role: string) => {
    const made = teamKeys.get(role);
    if (made) return made;
    const response = await gw.call('/v1/api-keys', {
      method: 'POST',
      json: { name: `team-a-${role}`, role, workspaces: ['team-a'] },
    });
    expect(response.status).toBe(201);
    const key = { key: ((await response.json()) as { key: string }).key };
    teamKeys.set(role, key);
    return key;
  };
  const expectProblem = async (response: Response, status: number, type: string) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { type: string; detail: string };
    expect(problem.type).toBe(`urn:agentbus:problem:${type}`);
    return problem;
  };

  beforeAll(async () => {
    gw = await startGateway();
    await service.connect(gw.namespace, 'memory');
    await gw.sql.query(
      `INSERT INTO "${gw.schemas.gateway}".project_workspaces (project_id, workspace) VALUES ($1, 'team-a')`,
      [TEAM_A_PROJECT],
    );
  });
  afterAll(async () => {
    await service.stop();
    await gw?.stop();
  });

  it('answers 503 problem+json saying what to do when memory-service is down', async () => {
    for (const path of [
      '/v1/memory/search?q=booking',
      '/v1/memory/templates',
      '/v1/memory/stats',
    ]) {
      const response = await gw.call(path, { as: 'viewer' });
      const problem = await expectProblem(response, 503, 'memory-unavailable');
      expect(response.headers.get('retry-after')).toBe('5');
      expect(problem.detail).toContain('/readyz');
    }
  });

  it('searches as a viewer, hiding patterns learned from projects of workspaces it cannot see', async () => {
    await respond(MemorySearchV1, async () => ({
      hits: [
        {
          id: `artifact-${randomUUID()}`,
          type: 'prd' as const,
          score: 0.9,
          similarity: 0.9,
          successScore: 0.5,
          text: 'Team A: vet clinic booking',
          metadata: { source: 'project', projectId: TEAM_A_PROJECT, stage: 'prd' },
        },
        {
          id: 'template-web-saas',
          type: 'template' as const,
          score: 0.7,
          text: 'Web SaaS application',
          metadata: { source: 'template', name: 'Web SaaS application' },
        },
      ],
    }));
    const asViewer = await gw.call('/v1/memory/search?q=vet%20booking&type=prd,template&k=3', {
      as: 'viewer',
    });
    expect(asViewer.status).toBe(200);
    const viewerHits = ((await asViewer.json()) as { hits: { id: string }[] }).hits;
    expect(viewerHits.map((hit) => hit.id)).toEqual(['template-web-saas']);
    expect(requests.at(-1)).toEqual({
      text: 'vet booking',
      types: ['prd', 'template'],
      k: 6, // twice k for a workspace key, some hits may be hidden
      minScore: 0,
    });

    const asTeamA = await gw.call('/v1/memory/search?q=vet&minScore=0.5', {
      as: await teamKey('viewer'),
    });
    expect(((await asTeamA.json()) as { hits: unknown[] }).hits).toHaveLength(2);
    const asOperator = await gw.call('/v1/memory/search?q=vet&k=1', { as: 'admin' });
    expect(await asOperator.json()).toMatchObject({
      hits: [{ metadata: { projectId: TEAM_A_PROJECT } }],
    });
    expect(requests.at(-1)).toEqual({ text: 'vet', k: 1, minScore: 0 });
  });

  it("reads the workspaces of a search's projects from both records at once", async () => {
    // Recorded by the orchestrator only, by the gateway only (team-a, team-b), and not at all.
    const byOrchestrator = await givenProject(gw, { name: 'Recorded by the orchestrator' });
    await gw.sql.query(
      `UPDATE "${gw.schemas.orchestrator}".projects SET workspace = 'team-a' WHERE id = $1`,
      [byOrchestrator],
    );
    const teamB = randomUUID();
    await gw.sql.query(
      `INSERT INTO "${gw.schemas.gateway}".project_workspaces (project_id, workspace) VALUES ($1, 'team-b')`,
      [teamB],
    );
    const hitOf = (projectId: string) => ({
      id: `artifact-${projectId}`,
      type: 'prd' as const,
      score: 0.8,
      text: 'a learned PRD',
      metadata: { source: 'project', projectId },
    });
    const unrecorded = randomUUID();
    await respond(MemorySearchV1, async () => ({
      hits: [byOrchestrator, TEAM_A_PROJECT, teamB, unrecorded].map(hitOf),
    }));
    const idsSeenBy = async (as: 'viewer' | { key: string }) => {
      const response = await gw.call('/v1/memory/search?q=learned&k=4', { as });
      expect(response.status).toBe(200);
      return ((await response.json()) as { hits: { id: string }[] }).hits.map((hit) => hit.id);
    };
    expect(await idsSeenBy(await teamKey('viewer'))).toEqual([
      `artifact-${byOrchestrator}`,
      `artifact-${TEAM_A_PROJECT}`,
    ]);
    // The default workspace's key: an unrecorded project (from before workspaces) is its own.
    expect(await idsSeenBy('viewer')).toEqual([`artifact-${unrecorded}`]);
  });

  it('refuses malformed requests with problem+json before asking memory', async () => {
    const before = requests.length;
    for (const [path, method, json] of [
      ['/v1/memory/search', 'GET', undefined],
      ['/v1/memory/search?q=x&type=wizard', 'GET', undefined],
      ['/v1/memory/search?q=x&k=500', 'GET', undefined],
      ['/v1/memory/search?q=x&minScore=2', 'GET', undefined],
      ['/v1/memory/search?q=x&limit=3', 'GET', undefined],
      ['/v1/memory/patterns/bad%20id', 'GET', undefined],
      ['/v1/memory/patterns', 'POST', { type: 'qa' }],
      ['/v1/memory/patterns', 'POST', { type: 'wizard', text: 'x' }],
      ['/v1/memory/patterns', 'POST', { type: 'qa', text: 'x', id: 'template-web-saas' }],
      ['/v1/memory/patterns', 'POST', { type: 'qa', text: 'x', metadata: { source: 'x' } }],
      ['/v1/memory/patterns', 'POST', { type: 'qa', text: 'x', metadata: { a: { b: 1 } } }],
      ['/v1/memory/patterns', 'POST', { type: 'qa', text: 'x', extra: 1 }],
    ] as const) {
      const response = await gw.call(path, { method, as: 'admin', json });
      await expectProblem(response, 400, 'validation-failed');
    }
    expect(requests.length).toBe(before);
  });

  it('lets a viewer read but not write; an operator admin writes as itself', async () => {
    await respond(MemoryPatternStoreV1, async ({ data }) => ({
      status: 'created' as const,
      pattern: aPattern({ id: data.id ?? 'manual-new', text: data.text, metadata: data.metadata }),
    }));
    await respond(MemoryPatternDeleteV1, async ({ data }) => {
      if (data.id === 'template-web-saas') {
        throw new QueryFailedError('shipped-template', 'template-web-saas is a shipped template');
      }
      return { id: data.id, archived: true as const };
    });
    const body = { type: 'qa', text: 'Contract tests for every 4xx answer.', metadata: { a: 1 } };
    const before = requests.length;
    await expectProblem(
      await gw.call('/v1/memory/patterns', { method: 'POST', as: 'viewer', json: body }),
      403,
      'forbidden',
    );
    await expectProblem(
      await gw.call('/v1/memory/patterns/manual-x', { method: 'DELETE', as: 'viewer' }),
      403,
      'forbidden',
    );
    // An admin of one workspace may not change what every workspace's agents read.
    await expectProblem(
      await gw.call('/v1/memory/patterns', {
        method: 'POST',
        as: await teamKey('admin'),
        json: body,
      }),
      403,
      'forbidden',
    );
    expect(requests.length).toBe(before);

    const stored = await gw.call('/v1/memory/patterns', {
      method: 'POST',
      as: 'admin',
      json: body,
    });
    expect(stored.status).toBe(201);
    expect(await stored.json()).toMatchObject({ status: 'created', pattern: { id: 'manual-new' } });
    expect(requests.at(-1)).toEqual({ ...body, storedBy: 'bootstrap-admin' });

    const deleted = await gw.call('/v1/memory/patterns/manual-new', {
      method: 'DELETE',
      as: 'admin',
    });
    expect(await deleted.json()).toEqual({ id: 'manual-new', archived: true });
    expect(requests.at(-1)).toEqual({ id: 'manual-new', deletedBy: 'bootstrap-admin' });
    const template = await gw.call('/v1/memory/patterns/template-web-saas', {
      method: 'DELETE',
      as: 'admin',
    });
    await expectProblem(template, 409, 'memory-shipped-template');
  });

  it('shows a pattern unless it was learned from a project the caller cannot see', async () => {
    await respond(MemoryPatternGetV1, async ({ data }) => {
      if (data.id === 'manual-gone') {
        throw new QueryFailedError('not-found', 'no pattern has id manual-gone');
      }
      return data.id === 'artifact-a'
        ? aPattern({ id: data.id, source: 'project', projectId: TEAM_A_PROJECT })
        : aPattern({ id: data.id });
    });
    const shown = await gw.call('/v1/memory/patterns/manual-checklist', { as: 'viewer' });
    expect(await shown.json()).toEqual(aPattern({}));
    await expectProblem(
      await gw.call('/v1/memory/patterns/artifact-a', { as: 'viewer' }),
      404,
      'memory-not-found',
    );
    const forTeamA = await gw.call('/v1/memory/patterns/artifact-a', {
      as: await teamKey('viewer'),
    });
    expect(forTeamA.status).toBe(200);
    await expectProblem(
      await gw.call('/v1/memory/patterns/manual-gone', { as: 'viewer' }),
      404,
      'memory-not-found',
    );
  });

  it('passes templates and stats through, and a memory outage reply is a 503', async () => {
    await respond(MemoryTemplatesListV1, async () => ({
      templates: [
        {
          ...aPattern({ id: 'template-rest-api', type: 'template', source: 'template' }),
          name: 'REST API',
        },
      ],
    }));
    await respond(MemoryStatsV1, async () => {
      throw new QueryFailedError('memory_unavailable', 'Postgres unavailable', { retryable: true });
    });
    const templates = await gw.call('/v1/memory/templates', { as: 'viewer' });
    expect(await templates.json()).toMatchObject({
      templates: [{ id: 'template-rest-api', name: 'REST API' }],
    });
    await expectProblem(
      await gw.call('/v1/memory/stats', { as: 'viewer' }),
      503,
      'memory-unavailable',
    );
  });
});
