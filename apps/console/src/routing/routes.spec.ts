import { hrefOf, parseRoute, type Route } from './routes';

const ID = '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f';

describe(parseRoute.name, () => {
  it.each<Route>([
    { page: 'inbox' },
    { page: 'projects' },
    { page: 'projects', state: 'running' },
    { page: 'new-project' },
    { page: 'memory' },
    { page: 'skills' },
    { page: 'project', id: ID },
    { page: 'gate', id: ID, gate: 'prd_approval' },
    { page: 'artifact', id: ID, stage: 'prd' },
    { page: 'artifact', id: ID, stage: 'prd', version: 2 },
  ])('reads back what hrefOf wrote for %j', (route) => {
    expect(parseRoute(hrefOf(route))).toEqual(route);
  });

  it.each([
    '',
    '#/nowhere',
    '#/memory/extra',
    '#/projects/not-a-uuid',
    `#/projects/${ID}/gates/Bad-Gate`,
    `#/projects/${ID}/artifacts/prd/extra`,
    '#/projects?state=<script>',
  ])('sends %s to a safe page', (hash) => {
    expect(['inbox', 'projects']).toContain(parseRoute(hash).page);
  });

  it('ignores a version that is not a positive integer', () => {
    expect(parseRoute(`#/projects/${ID}/artifacts/prd?version=-1`)).toEqual({
      page: 'artifact',
      id: ID,
      stage: 'prd',
    });
  });
});
