import { registerDemo } from './demo.command';
import {
  AFTER_GATE,
  PROJECT_ID,
  UNTIL_GATE,
  aProjectDetail,
  anArtifactList,
} from '../../test/builders';
import { FakeGateway, sendJson, sendProblem } from '../../test/fake-gateway';
import { runAgentBus } from '../../test/run-cli';
import { endFrame, framesFrom, openSse } from '../../test/sse-frames';

const DETAIL = `/v1/projects/${PROJECT_ID}`;
const APPROVE = `${DETAIL}/approvals/prd_approval`;

describe(registerDemo.name, () => {
  let gateway: FakeGateway;
  let decided: () => void;

  beforeEach(async () => {
    const decision = new Promise<void>((resolve) => (decided = resolve));
    gateway = await FakeGateway.start();
    gateway
      .on('POST', '/v1/projects', (_req, res) =>
        sendJson(res, 202, { id: PROJECT_ID, status: 'queued', links: { self: DETAIL } }),
      )
      .on('GET', DETAIL, (_req, res) =>
        sendJson(res, 200, aProjectDetail({ state: 'queued', stages: [] })),
      )
      .on('GET', `${DETAIL}/events`, async (_req, res) => {
        openSse(res);
        res.write(framesFrom(1, UNTIL_GATE));
        await decision; // like the orchestrator: nothing moves until the gate is decided
        res.end(framesFrom(UNTIL_GATE.length + 1, AFTER_GATE) + endFrame());
      })
      .on('POST', APPROVE, (_req, res) => {
        sendJson(res, 202, { status: 'accepted' });
        decided();
      })
      .on('GET', `${DETAIL}/artifacts`, (_req, res) => sendJson(res, 200, anArtifactList()));
  });
  afterEach(() => gateway.close());

  it('submits the demo, approves the gate when it opens, saying so, and ends with the artifacts', async () => {
    const { code, stdout } = await runAgentBus(['demo'], { url: gateway.url });
    const [submit] = gateway.requestsTo('POST', '/v1/projects');
    expect(submit?.body).toMatchObject({ name: expect.stringContaining('tool library') });
    expect((submit?.body as { requirements: string }).requirements).toMatch(/## Must have/);
    expect(submit?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(gateway.requestsTo('POST', APPROVE).map((r) => r.body)).toEqual([
      { decision: 'approve', attempt: 1, comment: 'approved automatically by `agent-bus demo`' },
    ]);
    expect(stdout).toContain('auto-approving gate prd_approval (demo mode)');
    expect(stdout).not.toContain('approve:'); // no manual commands: the demo decides
    expect(stdout).toMatch(/prd +v1 +markdown +1234/);
    expect(stdout).toContain(
      `download them:  agent-bus artifacts ${PROJECT_ID} --out ./demo-artifacts`,
    );
    expect(code).toBe(0);
  });

  it('carries on when the gate was already decided (409)', async () => {
    gateway.on('POST', APPROVE, (_req, res) => {
      sendProblem(res, 409, 'Conflict', 'The gate prd_approval is not open.');
      decided();
    });
    const { code, stdout } = await runAgentBus(['demo'], { url: gateway.url });
    expect(stdout).toContain('gate prd_approval was already decided; continuing');
    expect(code).toBe(0);
  });
});
