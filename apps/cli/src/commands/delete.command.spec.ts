import { registerDelete } from './delete.command';
import { FakeGateway, sendJson, sendProblem } from '../../test/fake-gateway';
import { runAgentBus } from '../../test/run-cli';

const ID = '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f';
const aDeletion = (done: readonly string[], state = 'deleting') => ({
  projectId: ID,
  state,
  requestedBy: 'ops-admin',
  requestedAt: '2026-12-02T10:00:00.000Z',
  completedAt: state === 'deleted' ? '2026-12-02T10:00:03.000Z' : null,
  services: ['gateway', 'master-orchestrator', 'cpu-agent-worker'].map((service) => ({
    service,
    done: done.includes(service),
    rows: done.includes(service) ? 4 : null,
    at: null,
  })),
  status: `/v1/projects/${ID}/deletion`,
});

describe(registerDelete.name, () => {
  let gateway: FakeGateway;
  const run = (...args: string[]) => runAgentBus(['delete', ...args], { url: gateway.url });
  beforeEach(async () => (gateway = await FakeGateway.start()));
  afterEach(() => gateway.close());

  it('sends DELETE and shows who asked, what is done and how to follow it', async () => {
    gateway.on('DELETE', `/v1/projects/${ID}`, (_req, res) =>
      sendJson(res, 202, aDeletion(['gateway'])),
    );
    const { code, stdout } = await run(ID);
    expect(code).toBe(0);
    expect(stdout).toBe(
      `deletion of project ${ID} requested by ops-admin\n` +
        '  deleting: gateway done (4 rows), master-orchestrator pending, cpu-agent-worker pending\n' +
        `  follow it:  agent-bus delete ${ID} --wait\n`,
    );
    expect(gateway.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `DELETE /v1/projects/${ID}`,
    ]);
  });

  it('--wait polls the progress, printing each change, until every service is done', async () => {
    gateway.on('DELETE', `/v1/projects/${ID}`, (_req, res) =>
      sendJson(res, 202, aDeletion(['gateway'])),
    );
    const answers = [
      aDeletion(['gateway', 'master-orchestrator']),
      aDeletion(['gateway', 'master-orchestrator']),
      aDeletion(['gateway', 'master-orchestrator', 'cpu-agent-worker'], 'deleted'),
    ];
    gateway.on('GET', `/v1/projects/${ID}/deletion`, (_req, res) =>
      sendJson(res, 200, answers.shift()),
    );
    const { code, stdout } = await run(ID, '--wait');
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((line) => line.startsWith('  '))).toEqual([
      '  deleting: gateway done (4 rows), master-orchestrator pending, cpu-agent-worker pending',
      '  deleting: gateway done (4 rows), master-orchestrator done (4 rows), cpu-agent-worker pending',
      '  deleted: gateway done (4 rows), master-orchestrator done (4 rows), cpu-agent-worker done (4 rows)',
    ]);
    expect(stdout).toContain(`project ${ID} deleted at 2026-12-02T10:00:03.000Z`);
  }, 10_000);

  it('passes on the 409 of a running project (exit 4) with the advice to cancel first', async () => {
    gateway.on('DELETE', `/v1/projects/${ID}`, (_req, res) =>
      sendProblem(
        res,
        409,
        'Conflict',
        `The project is running; cancel it first (POST /v1/projects/${ID}/cancel), wait until it is cancelled, then delete it.`,
      ),
    );
    const { code, stderr } = await run(ID);
    expect(code).toBe(4);
    expect(stderr).toContain('cancel it first');
  });
});
