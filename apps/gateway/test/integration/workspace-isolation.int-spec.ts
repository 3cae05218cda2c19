import { eventually } from '@agentbus/testing';
import { type Role } from '../../src/auth/role';
import { type Gateway, outboxDrained, startGateway } from '../support/gateway-harness';
import { workflowMessageCount } from '../support/bus-commands';
import {
  givenApproval,
  givenArtifact,
  givenEvent,
  givenProject,
  givenStage,
} from '../support/read-model-rows';

type Key = { key: string };

/** What workspace A holds that no key of B may ever read. */
const SECRET = {
  projectName: 'Team A secret roadmap',
  requirements: 'Requirements only team A may read: zeppelin-7f3',
  artifact: '# PRD of team A: marker-artifact-91c4',
  event: 'marker-event-5d2e',
  keyName: 'team-a-viewer-key',
};

/** A valid body per operation (so a refusal is the workspace's, not the validator's). */
const BODIES: Record<string, object | undefined> = {
  'post /v1/projects': { name: 'B into A', requirements: 'x', workspace: 'team-a' },
  'post /v1/projects/{id}/cancel': {},
  'post /v1/projects/{id}/restart': { fromStage: 'plan' },
  'post /v1/projects/{id}/approvals/{gate}': { decision: 'approve' },
  'post /v1/api-keys': { name: 'b-into-a', role: 'admin', workspaces: ['team-a'] },
  'post /v1/api-keys/{id}/revoke': {},
  'post /v1/api-keys/{id}/rotate': {},
  'patch /v1/api-keys/{id}/limits': { requestsPerMinute: 1 },
  'post /v1/skills': { archive: 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==' },
  'put /v1/agents/{agent}/skills': { skills: [] },
  'post /v1/memory/patterns': { type: 'qa', text: 'B writes into every workspace' },
  'post /v1/projects/estimate': { requirements: 'What would this cost?' },
  'post /v1/skills/git': { url: 'https://git.example.com/skills/b-into-a.git' },
  'put /v1/agents/skills.yaml': { yaml: 'agents:\n  qa:\n    allow: ["*"]\n' },
};

/** Routes of things every workspace shares: readable by all, writable by operators only. */
const GLOBAL = /^\/v1\/(skills|agents|memory)\b/;
/** Lists: answered, filtered to the caller's workspaces. */
const LISTS = new Set(['get /v1/projects', 'get /v1/approvals', 'get /v1/api-keys']);

interface Operation {
  readonly method: string;
  readonly path: string;
}

// The gateway's own tables a request of B could change, and what of them belongs to A.
const A_ROWS = [
  `SELECT id, name, role, revoked_at, revoked_by, replaced_by, grace_until, rate_per_minute,
          rate_burst, projects_in_flight, workspaces
   FROM api_keys WHERE 'team-a' = ANY(workspaces) ORDER BY id`,
  'SELECT * FROM decisions ORDER BY 1',
  'SELECT * FROM project_commands ORDER BY 1',
  'SELECT * FROM project_deletions ORDER BY 1',
  'SELECT * FROM submissions ORDER BY id',
  'SELECT * FROM project_workspaces ORDER BY project_id',
  'SELECT * FROM idempotency_keys ORDER BY 1, 2',
  'SELECT count(*) FROM outbox',
];

describe('workspaces: a key of workspace B reaches nothing of workspace A', () => {
  let gw: Gateway;
  let operations: Operation[];
  const a: Record<'admin' | 'approver' | 'viewer', Key> = {} as never;
  const b: Record<'admin' | 'approver' | 'viewer', Key> = {} as never;
  let both: Key;
  let projectA: string;
  let approvalA: string;
  let keyA: string;

  const newKey = async (
    name: string,
    role: Role,
    workspaces: string[],
  ): Promise<Key & { id: string }> => {
    const response = await gw.call('/v1/api-keys', {
      method: 'POST',
      json: { name, role, workspaces },
    });
    expect(response.status).toBe(201);
    const { key, id } = (await response.json()) as { key: string; id: string };
    return { key, id };
  };

  const snapshotOfA = async (): Promise<unknown[]> => {
    const rows: unknown[] = [];
    for (const text of A_ROWS) {
      rows.push(
        (await gw.sql.query(text.replace(/FROM (\w+)/, `FROM "${gw.schemas.gateway}".$1`))).rows,
      );
    }
    rows.push(await workflowMessageCount(gw.nc, gw.namespace));
    return rows;
  };

  beforeAll(async () => {
    gw = await startGateway();
    a.admin = await newKey('team-a-admin', 'admin', ['team-a']);
    a.approver = await newKey('team-a-approver', 'approver', ['team-a']);
    const viewerA = await newKey(SECRET.keyName, 'viewer', ['team-a']);
    a.viewer = viewerA;
    keyA = viewerA.id;
    b.admin = await newKey('team-b-admin', 'admin', ['team-b']);
    b.approver = await newKey('team-b-approver', 'approver', ['team-b']);
    b.viewer = await newKey('team-b-viewer', 'viewer', ['team-b']);
    both = await newKey('both-teams', 'requester', ['team-a', 'team-b']);

    const submitted = await gw.call('/v1/projects', {
      method: 'POST',
      as: a.admin,
      json: { name: SECRET.projectName, requirements: SECRET.requirements },
    });
    expect(submitted.status).toBe(202);
    projectA = ((await submitted.json()) as { id: string }).id;
    await outboxDrained(gw);
    // The orchestrator creates it and reaches the PRD gate.
    await givenProject(gw, { id: projectA, name: SECRET.projectName, state: 'waiting_approval' });
    await givenStage(gw, projectA, { stage: 'prd', state: 'succeeded', artifactVersion: 1 });
    await givenArtifact(gw, projectA, {
      stage: 'prd',
      version: 1,
      format: 'markdown',
      body: SECRET.artifact,
    });
    approvalA = await givenApproval(gw, projectA, { gate: 'prd_approval' });
    await givenEvent(gw, projectA, 'stage.completed', { note: SECRET.event });

    const document = (await (await gw.call('/docs-json', { as: null })).json()) as {
      paths: Record<string, Record<string, { description?: string; summary?: string }>>;
    };
    operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method, path })));
  }, 120_000);
  afterAll(() => gw?.stop());

  const concrete = (path: string): string =>
    path
      .replace('{id}', path.startsWith('/v1/api-keys') ? keyA : projectA)
      .replace('{stage}', 'prd')
      .replace('{gate}', 'prd_approval')
      .replace('{name}', 'some-skill')
      .replace('{ref}', 'some-skill')
      .replace('{agent}', 'qa');

  /** Every string of A's a response to B must not contain (ids it was not sent included). */
  const leaked = (body: string, requestPath: string): string[] =>
    [...Object.values(SECRET), projectA, approvalA, keyA].filter(
      (secret) => body.includes(secret) && !requestPath.includes(secret),
    );

  it('enumerates every route of the OpenAPI document, each with a known body', () => {
    expect(operations.length).toBeGreaterThanOrEqual(24);
    const known = (op: Operation) => `${op.method} ${op.path}`;
    for (const op of operations) {
      if (op.method === 'get' || op.method === 'delete') continue;
      expect(Object.keys(BODIES)).toContain(known(op));
    }
  });

  it.each(['viewer', 'approver', 'admin'] as const)(
    'a %s key of B gets 404 (or 403) on every route for A, reads nothing of A, changes nothing of A',
    async (role) => {
      const before = await snapshotOfA();
      const seen: string[] = [];
      for (const op of operations) {
        const name = `${op.method} ${op.path}`;
        const path = concrete(op.path);
        const abort = new AbortController();
        const timer = setTimeout(() => abort.abort(), 15_000);
        const response = await fetch(`${gw.url}${path}`, {
          method: op.method.toUpperCase(),
          headers: {
            authorization: `Bearer ${b[role].key}`,
            ...(BODIES[name] === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: BODIES[name] === undefined ? null : JSON.stringify(BODIES[name]),
          signal: abort.signal,
        });
        // A stream (SSE) answered to B would be a leak in itself: never read it to its end.
        const body =
          response.headers.get('content-type')?.includes('text/event-stream') === true
            ? `STREAM ${await response.body?.cancel()}`
            : await response.text();
        clearTimeout(timer);
        seen.push(`${name} -> ${response.status}`);
        expect({ name, leaked: leaked(body, path) }).toEqual({ name, leaked: [] });
        if (LISTS.has(name)) {
          expect({ name, status: response.status }).toEqual({
            name,
            status: name === 'get /v1/api-keys' && role !== 'admin' ? 403 : 200,
          });
        } else if (GLOBAL.test(op.path)) {
          // Shared reads are everybody's; writes are an operator's only.
          if (op.method !== 'get') {
            expect({ name, status: response.status }).toEqual({ name, status: 403 });
          }
        } else if (name === 'get /v1/me') {
          // The caller's own identity: B's key, B's workspace.
          expect({ name, status: response.status }).toEqual({ name, status: 200 });
          expect(JSON.parse(body)).toMatchObject({ role, workspaces: ['team-b'] });
        } else if (name === 'post /v1/api-keys') {
          expect({ name, status: response.status }).toEqual({ name, status: 403 });
        } else if (name === 'post /v1/projects/estimate') {
          // Forecast from the caller's own workspaces: B learns nothing of what A spent.
          expect({ name, status: response.status }).toEqual({
            name,
            status: role === 'viewer' ? 403 : 200,
          });
          if (response.status === 200) {
            expect(JSON.parse(body)).toMatchObject({ basedOnProjects: 0 });
          }
        } else if (name === 'post /v1/projects') {
          // The viewer lacks the role; the others are in no workspace team-a.
          expect({ name, status: response.status }).toEqual({
            name,
            status: role === 'viewer' ? 403 : 404,
          });
        } else {
          // Scoped to a project or a key of A: as if it did not exist, or the role is short.
          expect({ name, status: [403, 404].includes(response.status) }).toEqual({
            name,
            status: true,
          });
          if (response.status === 403) {
            expect(JSON.parse(body)).toMatchObject({ type: 'urn:agentbus:problem:forbidden' });
          } else {
            expect(JSON.parse(body)).toMatchObject({ status: 404 });
          }
        }
      }
      await outboxDrained(gw);
      expect(await snapshotOfA()).toEqual(before);
      // Every scoped route answered 404 at least to the admin (the strongest role).
      if (role === 'admin') {
        const scoped = seen.filter(
          (line) => /\{id\}/.test(line) && !GLOBAL.test(line.split(' ')[1] ?? ''),
        );
        // 10 project routes and 3 key routes today; a new one only adds to them.
        expect(scoped.length).toBeGreaterThanOrEqual(13);
        expect(scoped.filter((line) => !line.endsWith('404'))).toEqual([]);
      }
    },
    180_000,
  );

  it('lets the keys of A read and act on their project, approval and keys', async () => {
    const detail = await gw.call(`/v1/projects/${projectA}`, { as: a.viewer });
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({ name: SECRET.projectName, workspace: 'team-a' });
    const artifact = await gw.call(`/v1/projects/${projectA}/artifacts/prd`, { as: a.viewer });
    expect(await artifact.text()).toContain('marker-artifact-91c4');
    const inbox = await gw.call('/v1/approvals', { as: a.approver });
    expect(await inbox.text()).toContain(approvalA);
    const keys = (await (await gw.call('/v1/api-keys', { as: a.admin })).json()) as {
      items: { name: string; workspaces: string[] }[];
    };
    expect(keys.items.map((k) => k.name).sort()).toEqual(
      ['team-a-admin', 'team-a-approver', SECRET.keyName].sort(),
    );
    const decided = await gw.call(`/v1/projects/${projectA}/approvals/prd_approval`, {
      method: 'POST',
      as: a.approver,
      json: { decision: 'approve' },
    });
    expect(decided.status).toBe(202);
    const limited = await gw.call(`/v1/api-keys/${keyA}/limits`, {
      method: 'PATCH',
      as: a.admin,
      json: { requestsPerMinute: 100 },
    });
    expect(limited.status).toBe(200);
  });

  it('has a key of several workspaces choose one, and refuses one it is not in', async () => {
    const unchosen = await gw.call('/v1/projects', {
      method: 'POST',
      as: both,
      json: { name: 'Which team?', requirements: 'x' },
    });
    expect(unchosen.status).toBe(400);
    expect(await unchosen.text()).toContain('workspace');
    const elsewhere = await gw.call('/v1/projects', {
      method: 'POST',
      as: both,
      json: { name: 'Team C', requirements: 'x', workspace: 'team-c' },
    });
    expect(elsewhere.status).toBe(404);
    const chosen = await gw.call('/v1/projects', {
      method: 'POST',
      as: both,
      json: { name: 'Team B project', requirements: 'x', workspace: 'team-b' },
    });
    expect(chosen.status).toBe(202);
    const projectB = ((await chosen.json()) as { id: string }).id;
    const { rows } = await gw.sql.query(
      `SELECT workspace FROM "${gw.schemas.gateway}".project_workspaces WHERE project_id = $1`,
      [projectB],
    );
    expect(rows).toEqual([{ workspace: 'team-b' }]);
    const listedByBoth = await (await gw.call('/v1/projects', { as: both })).text();
    expect(listedByBoth).toContain(projectA);
    expect(listedByBoth).toContain(projectB);
    const page = JSON.parse(listedByBoth) as { items: { id: string; workspace: string }[] };
    expect(page.items.map(({ id, workspace }) => ({ id, workspace }))).toEqual(
      expect.arrayContaining([
        { id: projectA, workspace: 'team-a' },
        { id: projectB, workspace: 'team-b' },
      ]),
    );
    const listedByB = await (await gw.call('/v1/projects', { as: b.viewer })).text();
    expect(listedByB).toContain(projectB);
    expect(listedByB).not.toContain(projectA);
    expect((await gw.call(`/v1/projects/${projectB}`, { as: a.viewer })).status).toBe(404);
  });

  it('lets the operator key see every workspace and make keys in any', async () => {
    await eventually(async () => {
      const listed = await (await gw.call('/v1/projects')).text();
      expect(listed).toContain(projectA);
    });
    expect((await gw.call(`/v1/projects/${projectA}/audit`)).status).toBe(200);
    const keys = await (await gw.call('/v1/api-keys')).text();
    for (const name of ['team-a-admin', 'team-b-admin', 'bootstrap-admin']) {
      expect(keys).toContain(name);
    }
    const made = await gw.call('/v1/api-keys', {
      method: 'POST',
      json: { name: 'team-new-admin', role: 'admin', workspaces: ['team-new'] },
    });
    expect(made.status).toBe(201);
    const madeByB = await gw.call('/v1/api-keys', {
      method: 'POST',
      as: b.admin,
      json: { name: 'team-b-ci', role: 'requester' },
    });
    expect(madeByB.status).toBe(201);
    expect(await madeByB.json()).toMatchObject({ workspaces: ['team-b'] });
  });

  it("follows the orchestrator's record of a project's workspace (project_workspaces_v1)", async () => {
    // A project only the orchestrator recorded (from its submission): the gateway has no row.
    const project = await givenProject(gw, { name: 'Recorded by the orchestrator' });
    await gw.sql.query(
      `UPDATE "${gw.schemas.orchestrator}".projects SET workspace = 'team-a' WHERE id = $1`,
      [project],
    );
    await givenApproval(gw, project, { gate: 'prd_approval' });
    expect((await gw.call(`/v1/projects/${project}`, { as: b.viewer })).status).toBe(404);
    const seen = await gw.call(`/v1/projects/${project}`, { as: a.viewer });
    expect(seen.status).toBe(200);
    expect(await seen.json()).toMatchObject({ workspace: 'team-a' });
    expect(await (await gw.call('/v1/projects', { as: b.viewer })).text()).not.toContain(project);
    expect(await (await gw.call('/v1/projects', { as: a.viewer })).text()).toContain(project);
    expect(await (await gw.call('/v1/approvals', { as: b.approver })).text()).not.toContain(
      project,
    );
    expect(await (await gw.call('/v1/approvals', { as: a.approver })).text()).toContain(project);
  });
});
