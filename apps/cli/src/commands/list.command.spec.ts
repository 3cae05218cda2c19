import { registerList } from './list.command';
import { FakeGateway, sendJson, sendProblem } from '../../test/fake-gateway';
import { runAgentBus } from '../../test/run-cli';

const summary = (n: number, state = 'running') => ({
  id: `0190c7e4-0000-7000-8000-00000000000${n}`,
  name: `Project ${n}`,
  state,
  submittedBy: 'k',
  createdAt: `2025-11-2${n}T10:00:00.000Z`,
  updatedAt: `2025-11-2${n}T10:00:00.000Z`,
  links: { self: '' },
});

describe(registerList.name, () => {
  let gateway: FakeGateway;

  beforeEach(async () => {
    gateway = await FakeGateway.start();
    gateway.on('GET', '/v1/projects', (req, res) =>
      req.query.get('cursor') === null
        ? sendJson(res, 200, { items: [summary(3), summary(2)], nextCursor: 'c2' })
        : sendJson(res, 200, { items: [summary(1, 'completed')], nextCursor: null }),
    );
  });
  afterEach(() => gateway.close());

  it('shows one page as a table and says how to see the rest', async () => {
    const { code, stdout } = await runAgentBus(['list', '--state', 'running'], {
      url: gateway.url,
    });
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      'ID                                    STATE    CREATED (UTC)     NAME',
      '0190c7e4-0000-7000-8000-000000000003  running  2025-11-23 10:00  Project 3',
      '0190c7e4-0000-7000-8000-000000000002  running  2025-11-22 10:00  Project 2',
    ]);
    expect(stdout).toContain('(newest 2 shown; all of them: agent-bus list --all)');
    expect(gateway.requests[0]?.query.toString()).toBe('state=running&limit=20');
  });

  it('follows the cursors with --all', async () => {
    const { stdout } = await runAgentBus(['list', '--all'], { url: gateway.url });
    expect(gateway.requests.map((r) => r.query.get('cursor'))).toEqual([null, 'c2']);
    expect(stdout).toContain('Project 1');
    expect(stdout).not.toContain('newest');
  });

  it('on 401 without a key prints the problem and how to pass a key', async () => {
    gateway.on('GET', '/v1/projects', (_req, res) =>
      sendProblem(
        res,
        401,
        'Unauthorized',
        'Send an API key as "Authorization: Bearer <key>" or "X-API-Key".',
      ),
    );
    const { code, stderr } = await runAgentBus(['list'], {
      url: gateway.url,
      env: { AGENT_BUS_API_KEY: undefined },
    });
    expect(code).toBe(4);
    expect(stderr).toBe(
      'error: Unauthorized (401): Send an API key as "Authorization: Bearer <key>" or "X-API-Key".\n' +
        'hint: set AGENT_BUS_API_KEY or pass --api-key\n',
    );
    expect(gateway.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('sends --api-key over the environment', async () => {
    await runAgentBus(['list', '--api-key', 'flag-key'], { url: gateway.url });
    expect(gateway.requests[0]?.headers.authorization).toBe('Bearer flag-key');
  });
});
