import { registerDecide } from './decide.command';
import { PROJECT_ID } from '../../test/builders';
import { FakeGateway, sendJson, sendProblem } from '../../test/fake-gateway';
import { runAgentBus } from '../../test/run-cli';

const gatePath = (gate: string) => `/v1/projects/${PROJECT_ID}/approvals/${gate}`;

describe(registerDecide.name, () => {
  let gateway: FakeGateway;
  const run = (...args: string[]) => runAgentBus(args, { url: gateway.url });

  beforeEach(async () => {
    gateway = await FakeGateway.start();
    for (const gate of ['prd_approval', 'delivery_approval']) {
      gateway.on('POST', gatePath(gate), (_req, res) => sendJson(res, 202, { status: 'accepted' }));
    }
  });
  afterEach(() => gateway.close());

  it.each([
    [
      ['approve', PROJECT_ID, 'prd_approval'],
      { decision: 'approve' },
      'approved; the project continues',
    ],
    [
      ['reject', PROJECT_ID, 'prd_approval', '--comment', 'out of scope'],
      { decision: 'reject', comment: 'out of scope' },
      'rejected; the project fails',
    ],
    [
      [
        'request-changes',
        PROJECT_ID,
        'delivery_approval',
        '--comment',
        'add SSO',
        '--attempt',
        '2',
      ],
      { decision: 'request_changes', comment: 'add SSO', attempt: 2 },
      'sent back with your comment',
    ],
  ])('%j posts %j', async (args, body, said) => {
    const { code, stdout } = await run(...args);
    expect(code).toBe(0);
    expect(gateway.requests.map((r) => r.body)).toEqual([body]);
    expect(stdout).toContain(said);
  });

  it('explains a 409: the gate is not open, and where to look', async () => {
    gateway.on('POST', gatePath('prd_approval'), (_req, res) =>
      sendProblem(res, 409, 'Conflict', 'The gate prd_approval is not open (decided: approve).'),
    );
    const { code, stderr } = await run('approve', PROJECT_ID, 'prd_approval');
    expect(code).toBe(4);
    expect(stderr).toBe(
      'error: Conflict (409): The gate prd_approval is not open (decided: approve).\n' +
        `hint: the gate is not open (already decided, or not reached yet): see the gates with \`agent-bus get ${PROJECT_ID}\`\n`,
    );
  });

  it.each([
    [['request-changes', PROJECT_ID, 'prd_approval'], "required option '--comment <text>'"],
    [
      ['approve', PROJECT_ID, 'prd'],
      "value 'prd' is invalid for argument 'gate'. Allowed choices are prd_approval",
    ],
  ])('refuses %j with exit 2', async (args, message) => {
    const { code, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(gateway.requests).toHaveLength(0);
  });
});
