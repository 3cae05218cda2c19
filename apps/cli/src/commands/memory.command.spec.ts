import { previewOf, registerMemory } from './memory.command';
import { FakeGateway, sendJson, sendProblem } from '../../test/fake-gateway';
import { runAgentBus } from '../../test/run-cli';

const aHit = (id: string, score: number, text: string) => ({
  id,
  type: 'architecture',
  score,
  similarity: score,
  successScore: 0.5,
  text,
  metadata: { source: 'project' },
});

describe(registerMemory.name, () => {
  let gateway: FakeGateway;
  const memory = (...args: string[]) => runAgentBus(['memory', ...args], { url: gateway.url });
  beforeEach(async () => {
    gateway = await FakeGateway.start();
  });
  afterEach(() => gateway.close());

  it('searches with the words as one text, types, k and min score, and prints a table', async () => {
    gateway.on('GET', '/v1/memory/search', (_req, res) =>
      sendJson(res, 200, {
        hits: [
          aHit('artifact-1', 0.8123, 'Booking service with Postgres\nsecond line'),
          aHit('template-rest-api', 0.5, 'REST API'),
        ],
      }),
    );
    const { code, stdout, stderr } = await memory(
      'search',
      'vet',
      'booking',
      '--type',
      'architecture,template',
      '--k',
      '3',
      '--min-score',
      '0.2',
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const [request] = gateway.requestsTo('GET', '/v1/memory/search');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      q: 'vet booking',
      type: 'architecture,template',
      k: '3',
      minScore: '0.2',
    });
    expect(stdout).toMatch(/^SCORE +TYPE +ID +TEXT\n/);
    expect(stdout).toMatch(/0\.81 +architecture +artifact-1 +Booking service with Postgres\n/);
    expect(stdout).not.toContain('second line');
  });

  it('refuses an unknown type or a bad k before asking', async () => {
    expect((await memory('search', 'x', '--type', 'prd,wizard')).code).toBe(2);
    expect((await memory('search', 'x', '--k', '0')).code).toBe(2);
    expect((await memory('search', 'x', '--min-score', '2')).code).toBe(2);
    expect(gateway.requests).toHaveLength(0);
  });

  it('says so when nothing is similar, and prints JSON on --json', async () => {
    gateway.on('GET', '/v1/memory/search', (_req, res) => sendJson(res, 200, { hits: [] }));
    expect((await memory('search', 'zebra')).stdout).toContain('no similar patterns');
    expect((await memory('search', 'zebra', '--json')).stdout).toBe('[]\n');
  });

  it('shows the 503 of a memory-service that is down, with its advice', async () => {
    gateway.on('GET', '/v1/memory/search', (_req, res) =>
      sendProblem(
        res,
        503,
        'memory-unavailable',
        'The memory-service did not answer: check that it runs and is ready (its /readyz)',
      ),
    );
    const { code, stderr } = await memory('search', 'x');
    expect(code).toBe(5);
    expect(stderr).toContain('/readyz');
  });

  it('lists templates', async () => {
    gateway.on('GET', '/v1/memory/templates', (_req, res) =>
      sendJson(res, 200, {
        templates: [
          {
            id: 'template-web-saas',
            name: 'Web SaaS application',
            text: 'Web SaaS application\n\n…',
            type: 'template',
            retrievedCount: 4,
            successScore: 0.6667,
          },
        ],
      }),
    );
    const { stdout } = await memory('templates');
    expect(stdout).toMatch(/^ID +NAME +USED +SUCCESS\n/);
    expect(stdout).toMatch(/template-web-saas +Web SaaS application +4 +0\.67\n/);
  });

  it('prints the stats with retention totals and the last run', async () => {
    gateway.on('GET', '/v1/memory/stats', (_req, res) =>
      sendJson(res, 200, {
        patterns: 7,
        bySource: { template: 5, project: 2 },
        byType: [
          {
            type: 'template',
            patterns: 5,
            used: 2,
            retrieved: 9,
            successes: 2,
            failures: 1,
            meanSuccessScore: 0.53,
          },
        ],
        unindexed: 1,
        retention: {
          runs: 3,
          removed: { qa: 4 },
          archived: 5,
          lastRun: {
            ranAt: '2026-12-02T03:00:00.000Z',
            removed: {},
            kept: { template: 5, prd: 2 },
          },
        },
      }),
    );
    const { stdout } = await memory('stats');
    expect(stdout).toContain('7 patterns (template 5, project 2); 1 not indexed yet');
    expect(stdout).toMatch(/template +5 +2 +9 +2\/1 +0\.53/);
    expect(stdout).toContain('retention: 3 runs, removed qa 4; 5 archived in all');
    expect(stdout).toContain('last run 2026-12-02 03:00: removed none; kept template 5, prd 2');
  });
});

describe(previewOf.name, () => {
  it('keeps the first line and cuts it to fit', () => {
    expect(previewOf('  short\nmore')).toBe('short');
    expect(previewOf('x'.repeat(100))).toBe(`${'x'.repeat(69)}…`);
  });
});
