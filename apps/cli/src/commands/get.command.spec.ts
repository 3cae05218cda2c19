import { registerGet } from './get.command';
import { APPROVAL_ID, PROJECT_ID, aProjectDetail } from '../../test/builders';
import { FakeGateway, sendJson } from '../../test/fake-gateway';
import { runAgentBus } from '../../test/run-cli';

describe(registerGet.name, () => {
  let gateway: FakeGateway;
  beforeEach(async () => (gateway = await FakeGateway.start()));
  afterEach(() => gateway.close());

  it.each(['gates', 'approvals'])(
    'shows the stages, the %s and the commands to decide an open gate',
    async (key) => {
      const detail = aProjectDetail({ state: 'waiting_approval' });
      const [prd, ...rest] = detail.stages;
      const stages = [{ ...prd, state: 'succeeded', durationMs: 65_000 }, ...rest];
      const gate = {
        id: APPROVAL_ID,
        gate: 'prd_approval',
        attempt: 1,
        open: true,
        state: 'open',
        stage: 'prd',
        decision: null,
        decidedBy: null,
      };
      gateway.on('GET', `/v1/projects/${PROJECT_ID}`, (_req, res) =>
        sendJson(res, 200, { ...detail, stages, gates: undefined, [key]: [gate] }),
      );
      const { code, stdout } = await runAgentBus(['get', PROJECT_ID], { url: gateway.url });
      expect(code).toBe(0);
      expect(stdout).toContain(
        'state: waiting_approval, created 2025-11-27 10:00 UTC, 1,200 tokens, $0.0125',
      );
      expect(stdout).toMatch(
        /STAGE +STATE +ATTEMPT +TIME +TOKENS +CACHED +COST\nprd +succeeded +1 +1m05s +0 tokens +- +\$0\.0000\n/,
      );
      expect(stdout).toMatch(/GATE +ATTEMPT +STATE +DECISION +BY\nprd_approval +1 +open +- +-\n/);
      expect(stdout).toContain(`  approve:          agent-bus approve ${PROJECT_ID} prd_approval`);
    },
  );

  it('shows cached tokens per stage and the forecast beside the spend', async () => {
    const detail = aProjectDetail({ state: 'completed' });
    const [prd, ...rest] = detail.stages;
    const usage = { totalTokens: 9_000, cachedTokens: 6_500, costUsd: 0.0036 };
    const forecast = {
      basedOnProjects: 2,
      total: { costUsd: 0.003 },
      actualCostUsd: 0.0036,
      errorPct: 20,
    };
    gateway.on('GET', `/v1/projects/${PROJECT_ID}`, (_req, res) =>
      sendJson(res, 200, { ...detail, stages: [{ ...prd, usage }, ...rest], forecast }),
    );
    const { code, stdout } = await runAgentBus(['get', PROJECT_ID], { url: gateway.url });
    expect(code).toBe(0);
    expect(stdout).toContain('forecast $0.0030 (from 2 past projects), spent $0.0036 (+20.0%)\n');
    expect(stdout).toMatch(/\nprd +\S+ +1 +\S+ +9,000 tokens +6,500 +\$0\.0036\n/);
  });

  it('reports an answer of an unexpected shape clearly, exit 5', async () => {
    gateway.on('GET', `/v1/projects/${PROJECT_ID}`, (_req, res) =>
      sendJson(res, 200, { id: PROJECT_ID, state: 'weird' }),
    );
    const { code, stderr } = await runAgentBus(['get', PROJECT_ID], { url: gateway.url });
    expect(code).toBe(5);
    expect(stderr).toMatch(
      /^error: unexpected answer to GET \/v1\/projects\/\S+: name: .+; state: .+; createdAt: .+\n/,
    );
    expect(stderr).toContain(
      'hint: is --url / AGENT_BUS_URL an Agent Bus gateway of the same version as this CLI?',
    );
  });
});
