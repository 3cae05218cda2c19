import { registerInbox } from './inbox.command';
import { FakeGateway, sendJson } from '../../test/fake-gateway';
import { runAgentBus } from '../../test/run-cli';

const anItem = (n: number, fields: Record<string, unknown> = {}) => ({
  approvalId: `0190c7e4-0000-7000-8000-0000000000a${n}`,
  projectId: `0190c7e4-0000-7000-8000-00000000000${n}`,
  projectName: `Project ${n}`,
  gate: 'prd_approval',
  attempt: 1,
  state: 'open',
  openedAt: `2025-11-2${n}T10:00:00.000Z`,
  canAct: true,
  mayAct: ['approver', 'admin'],
  artifacts: [{ stage: 'prd', version: n, href: '' }],
  ...fields,
});

describe(registerInbox.name, () => {
  let gateway: FakeGateway;

  beforeEach(async () => {
    gateway = await FakeGateway.start();
  });
  afterEach(() => gateway.close());

  it('shows the open gates with what to read and how to decide', async () => {
    gateway.on('GET', '/v1/approvals', (_req, res) =>
      sendJson(res, 200, {
        state: 'open',
        items: [anItem(3), anItem(2, { gate: 'budget_exceeded', artifacts: [] })],
        nextCursor: 'c2',
      }),
    );
    const { code, stdout } = await runAgentBus(['inbox'], { url: gateway.url });
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      'PROJECT                               GATE             TRY  STATE  OPENED (UTC)      READ    NAME',
      '0190c7e4-0000-7000-8000-000000000003  prd_approval     1    open   2025-11-23 10:00  prd v3  Project 3',
      '0190c7e4-0000-7000-8000-000000000002  budget_exceeded  1    open   2025-11-22 10:00  -       Project 2',
    ]);
    expect(stdout).toContain(
      'decide:  agent-bus approve 0190c7e4-0000-7000-8000-000000000003 prd_approval',
    );
    expect(stdout).toContain('(newest 2 shown; all of them: agent-bus inbox --all)');
    expect(gateway.requests[0]?.query.toString()).toBe('state=open&limit=20');
  });

  it('follows every page with --all and prints JSON with --json', async () => {
    gateway.on('GET', '/v1/approvals', (req, res) =>
      req.query.get('cursor') === null
        ? sendJson(res, 200, { items: [anItem(2, { state: 'superseded' })], nextCursor: 'c2' })
        : sendJson(res, 200, { items: [anItem(1, { state: 'superseded' })], nextCursor: null }),
    );
    const { code, stdout } = await runAgentBus(
      ['inbox', '--state', 'superseded', '--all', '--json'],
      {
        url: gateway.url,
      },
    );
    expect(code).toBe(0);
    const items = JSON.parse(stdout) as { projectName: string }[];
    expect(items.map((item) => item.projectName)).toEqual(['Project 2', 'Project 1']);
    expect(gateway.requests.map((r) => r.query.toString())).toEqual([
      'state=superseded&limit=100',
      'state=superseded&cursor=c2&limit=100',
    ]);
  });

  it('refuses an unknown state', async () => {
    const { code, stderr } = await runAgentBus(['inbox', '--state', 'closed'], {
      url: gateway.url,
    });
    expect(code).not.toBe(0);
    expect(stderr).toContain('Allowed choices are open, decided, superseded');
  });
});
