import { type Gateway, startGateway } from '../support/gateway-harness';
import { givenArtifact, givenProject, givenStage } from '../support/read-model-rows';

describe('artifacts', () => {
  let gw: Gateway;
  let projectId: string;
  const plan = { milestones: [{ name: 'MVP', weeks: 4 }], note: 'uses ``` fences' };
  beforeAll(async () => {
    gw = await startGateway();
    projectId = await givenProject(gw, { state: 'running' });
    await givenArtifact(gw, projectId, {
      stage: 'prd',
      version: 1,
      format: 'markdown',
      body: '# PRD v1',
    });
    await givenArtifact(gw, projectId, {
      stage: 'prd',
      version: 2,
      format: 'markdown',
      body: '# PRD v2\n\nRevised.',
    });
    await givenArtifact(gw, projectId, {
      stage: 'plan',
      version: 1,
      format: 'json',
      body: JSON.stringify(plan),
    });
    await givenStage(gw, projectId, { stage: 'prd', state: 'succeeded', artifactVersion: 2 });
    await givenStage(gw, projectId, { stage: 'plan', state: 'succeeded', artifactVersion: 1 });
  });
  afterAll(() => gw?.stop());

  const get = (path: string, accept?: string) =>
    gw.call(`/v1/projects/${projectId}/artifacts${path}`, {
      as: 'viewer',
      headers: accept === undefined ? {} : { accept },
    });

  it('lists the accepted version of each stage, in pipeline order, without bodies', async () => {
    const response = await get('');
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: Record<string, unknown>[] };
    expect(items).toEqual([
      expect.objectContaining({
        stage: 'prd',
        version: 2,
        versions: 2,
        accepted: true,
        acceptance: 'accepted',
        format: 'markdown',
        sizeBytes: 18,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        links: {
          self: `/v1/projects/${projectId}/artifacts/prd?version=2`,
          accepted: `/v1/projects/${projectId}/artifacts/prd`,
        },
      }),
      expect.objectContaining({ stage: 'plan', version: 1, versions: 1, format: 'json' }),
    ]);
    expect(items[0]).not.toHaveProperty('body');
  });

  it('flags a version built on an input since superseded as stale', async () => {
    // plan v1 was made after prd v2, the accepted PRD: current. A second project's plan predates
    // the PRD version accepted after a request for changes: stale, naming prd.
    const fresh = (await (await get('')).json()) as { items: { staleInputs: string[] }[] };
    expect(fresh.items.map((item) => item.staleInputs)).toEqual([[], []]);
    const redone = await givenProject(gw, { state: 'running' });
    // A second apart: inserted back to back, two rows could share a millisecond.
    const start = Date.now() - 60_000;
    for (const [i, [stage, version]] of (
      [
        ['prd', 1],
        ['plan', 1],
        ['prd', 2],
      ] as const
    ).entries()) {
      const createdAt = new Date(start + i * 1_000);
      await givenArtifact(gw, redone, {
        stage,
        version,
        format: 'markdown',
        body: `# ${stage}`,
        createdAt,
      });
    }
    await givenStage(gw, redone, { stage: 'prd', state: 'succeeded', artifactVersion: 2 });
    await givenStage(gw, redone, { stage: 'plan', state: 'succeeded', artifactVersion: 1 });
    const listed = (await (
      await gw.call(`/v1/projects/${redone}/artifacts`, { as: 'viewer' })
    ).json()) as { items: unknown[]; allVersions: unknown[] };
    expect(listed.items).toEqual([
      expect.objectContaining({ stage: 'prd', version: 2, staleInputs: [] }),
      expect.objectContaining({ stage: 'plan', version: 1, staleInputs: ['prd'] }),
    ]);
    expect(listed.allVersions).toContainEqual(
      expect.objectContaining({
        stage: 'prd',
        version: 1,
        acceptance: 'superseded',
        staleInputs: [],
      }),
    );
  });

  it('returns the accepted version as JSON by default, and an older one by ?version=', async () => {
    const latest = await get('/prd');
    expect(latest.headers.get('content-type')).toContain('application/json');
    expect(latest.headers.get('vary')).toContain('Accept');
    expect(await latest.json()).toMatchObject({
      stage: 'prd',
      version: 2,
      body: '# PRD v2\n\nRevised.',
    });
    expect(await (await get('/prd?version=1')).json()).toMatchObject({
      version: 1,
      body: '# PRD v1',
    });
  });

  it('parses a JSON artifact into body', async () => {
    expect(await (await get('/plan', 'application/json')).json()).toMatchObject({
      format: 'json',
      body: plan,
    });
  });

  it('returns raw markdown for Accept: text/markdown, a JSON artifact as a fenced json block', async () => {
    const markdown = await get('/prd?version=1', 'text/markdown');
    expect(markdown.status).toBe(200);
    expect(markdown.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await markdown.text()).toBe('# PRD v1');

    const fenced = await (await get('/plan', 'text/markdown')).text();
    expect(fenced).toBe(`\`\`\`\`json\n${JSON.stringify(plan, null, 2)}\n\`\`\`\`\n`);
  });

  it('answers 404 for a missing version, stage name or project, 406 for an unusable Accept, 400 for a bad version', async () => {
    expect(await (await get('/prd?version=3')).json()).toMatchObject({
      status: 404,
      type: 'urn:agentbus:problem:artifact-not-found',
    });
    expect(await (await get('/uiux')).json()).toMatchObject({
      status: 404,
      detail: 'The uiux stage of this project has no artifact yet.',
    });
    expect(await (await get('/coding')).json()).toMatchObject({
      status: 404,
      type: 'urn:agentbus:problem:stage-not-found',
    });
    const unknown = await gw.call('/v1/projects/0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f/artifacts', {
      as: 'viewer',
    });
    expect(unknown.status).toBe(404);
    const image = await get('/prd', 'image/png');
    expect(image.status).toBe(406);
    expect(image.headers.get('content-type')).toContain('application/problem+json');
    expect(await (await get('/prd?version=0')).json()).toMatchObject({
      status: 400,
      errors: [{ path: 'version' }],
    });
  });

  it('lists no artifacts for a project that is only queued', async () => {
    const submitted = await gw.call('/v1/projects', {
      method: 'POST',
      as: 'requester',
      json: { name: 'n', requirements: 'r' },
    });
    const { id } = (await submitted.json()) as { id: string };
    expect(await (await gw.call(`/v1/projects/${id}/artifacts`, { as: 'viewer' })).json()).toEqual({
      items: [],
      allVersions: [],
    });
  });
});
