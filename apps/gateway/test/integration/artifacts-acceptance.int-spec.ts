import { type Gateway, startGateway } from '../support/gateway-harness';
import { givenArtifact, givenProject, givenStage } from '../support/read-model-rows';

interface Marked {
  readonly stage: string;
  readonly version: number;
  readonly accepted: boolean;
  readonly acceptance: string;
}

/** Issue 7 item 4: the default artifact is the one the orchestrator accepted, not the newest. */
describe('accepted artifacts', () => {
  let gw: Gateway;
  let projectId: string;
  const prd = (version: number) => ({
    stage: 'prd',
    version,
    format: 'markdown' as const,
    body: `# PRD v${version}`,
  });
  beforeAll(async () => {
    gw = await startGateway();
    projectId = await givenProject(gw, { state: 'running' });
    await givenArtifact(gw, projectId, prd(1));
    await givenStage(gw, projectId, { stage: 'prd', state: 'succeeded', artifactVersion: 1 });
    await givenStage(gw, projectId, { stage: 'plan', state: 'running' });
    // A stale attempt of prd (timed out, replaced) that finished after version 1 was accepted.
    await givenArtifact(gw, projectId, prd(2));
    await givenArtifact(gw, projectId, { ...prd(1), stage: 'plan' });
  });
  afterAll(() => gw?.stop());

  const get = (path: string, accept = 'application/json') =>
    gw.call(`/v1/projects/${projectId}${path}`, { as: 'viewer', headers: { accept } });
  const marks = async () => {
    const list = (await (await get('/artifacts')).json()) as {
      items: Marked[];
      allVersions: Marked[];
    };
    const pick = ({ stage, version, accepted, acceptance }: Marked) => ({
      stage,
      version,
      accepted,
      acceptance,
    });
    return { items: list.items.map(pick), allVersions: list.allVersions.map(pick) };
  };
  const accept = (stage: string, version: number) =>
    gw.sql.query(
      `UPDATE "${gw.schemas.orchestrator}".stages SET artifact = jsonb_set(artifact, '{version}', $3)
       WHERE project_id = $1 AND stage = $2`,
      [projectId, stage, JSON.stringify(version)],
    );

  it('serves the accepted version by default, not a newer stale one', async () => {
    const response = await get('/artifacts/prd');
    expect(response.status).toBe(200);
    expect(response.headers.get('artifact-acceptance')).toBe('accepted');
    expect(await response.json()).toMatchObject({
      version: 1,
      accepted: true,
      acceptance: 'accepted',
      body: '# PRD v1',
    });
    const markdown = await get('/artifacts/prd', 'text/markdown');
    expect(await markdown.text()).toBe('# PRD v1');
  });

  it('still serves the stale version by number, marked not accepted', async () => {
    const response = await get('/artifacts/prd?version=2');
    expect(response.status).toBe(200);
    expect(response.headers.get('artifact-acceptance')).toBe('not-accepted');
    expect(await response.json()).toMatchObject({
      version: 2,
      accepted: false,
      acceptance: 'not-accepted',
      body: '# PRD v2',
    });
  });

  it('lists the accepted version per stage and marks every stored version', async () => {
    expect(await marks()).toEqual({
      items: [{ stage: 'prd', version: 1, accepted: true, acceptance: 'accepted' }],
      allVersions: [
        { stage: 'prd', version: 2, accepted: false, acceptance: 'not-accepted' },
        { stage: 'prd', version: 1, accepted: true, acceptance: 'accepted' },
        { stage: 'plan', version: 1, accepted: false, acceptance: 'not-accepted' },
      ],
    });
  });

  it('answers 404 artifact-not-accepted for a stage whose versions are none accepted', async () => {
    const response = await get('/artifacts/plan');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      type: 'urn:agentbus:problem:artifact-not-accepted',
      detail: expect.stringContaining('?version=N') as unknown,
    });
    expect((await get('/artifacts/plan?version=1')).status).toBe(200);
  });

  it('shows the accepted version in the project detail', async () => {
    const detail = (await (await get('')).json()) as {
      stages: { stage: string; artifactVersion: number | null }[];
    };
    expect(detail.stages.find((s) => s.stage === 'prd')?.artifactVersion).toBe(1);
  });

  it('follows the orchestrator when it accepts a later version; earlier ones are superseded', async () => {
    await givenArtifact(gw, projectId, prd(3));
    await accept('prd', 3);
    expect(await (await get('/artifacts/prd')).json()).toMatchObject({
      version: 3,
      accepted: true,
      body: '# PRD v3',
    });
    expect((await marks()).allVersions.filter((v) => v.stage === 'prd')).toEqual([
      { stage: 'prd', version: 3, accepted: true, acceptance: 'accepted' },
      { stage: 'prd', version: 2, accepted: false, acceptance: 'superseded' },
      { stage: 'prd', version: 1, accepted: false, acceptance: 'superseded' },
    ]);
    expect((await get('/artifacts/prd?version=1')).headers.get('artifact-acceptance')).toBe(
      'superseded',
    );
  });
});
