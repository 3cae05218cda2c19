import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerSubmit } from './submit.command';
import { AFTER_GATE, PROJECT_ID, aProjectDetail } from '../../test/builders';
import { FakeGateway, sendJson, sendProblem } from '../../test/fake-gateway';
import { runAgentBus } from '../../test/run-cli';
import { endFrame, framesFrom, openSse } from '../../test/sse-frames';

const created = { id: PROJECT_ID, status: 'queued', links: { self: `/v1/projects/${PROJECT_ID}` } };

describe(registerSubmit.name, () => {
  let gateway: FakeGateway;
  let cwd: string;
  const submit = (args: string[], stdin?: string) =>
    runAgentBus(['submit', ...args], {
      url: gateway.url,
      cwd,
      ...(stdin === undefined ? {} : { stdin }),
    });

  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'agent-bus-cli-'));
    await writeFile(join(cwd, 'req.md'), '# Weather\nShow the forecast.\n');
    gateway = await FakeGateway.start();
    gateway.on('POST', '/v1/projects', (_req, res) => sendJson(res, 202, created));
  });
  afterEach(async () => {
    await gateway.close();
    await rm(cwd, { recursive: true, force: true });
  });

  it('sends the file with the chosen gates and budget, and says how to follow the project', async () => {
    const args = [
      'req.md',
      '--name',
      'Weather',
      '--no-prd-gate',
      '--delivery-gate',
      '--budget-tokens',
      '5000',
      '--budget-usd',
      '1.5',
    ];
    const { code, stdout } = await submit(args);
    expect(code).toBe(0);
    expect(gateway.requestsTo('POST', '/v1/projects')[0]?.body).toEqual({
      name: 'Weather',
      requirements: '# Weather\nShow the forecast.\n',
      options: {
        gates: { prd_approval: false, delivery_approval: true },
        budget: { maxTokens: 5000, maxCostUsd: 1.5 },
      },
    });
    expect(stdout).toContain(`submitted "Weather" as project ${PROJECT_ID}`);
    expect(stdout).toContain(`follow it:  agent-bus watch ${PROJECT_ID}`);
  });

  it('sends gate timeouts, one per --gate-timeout', async () => {
    const timeouts = ['--gate-timeout', 'prd_approval=3600:remind:2'];
    const args = [
      'req.md',
      '--name',
      'Timed',
      ...timeouts,
      '--gate-timeout',
      'delivery_approval=none',
    ];
    expect((await submit(args)).code).toBe(0);
    expect(gateway.requestsTo('POST', '/v1/projects')[0]?.body).toMatchObject({
      options: {
        gateTimeouts: {
          prd_approval: { afterSeconds: 3_600, action: 'remind', maxReminders: 2 },
          delivery_approval: null,
        },
      },
    });
  });

  it('sends --workspace as the workspace of the project', async () => {
    expect((await submit(['req.md', '--name', 'Team', '--workspace', 'team-a'])).code).toBe(0);
    expect(gateway.requestsTo('POST', '/v1/projects')[0]?.body).toMatchObject({
      workspace: 'team-a',
    });
  });

  it('reads stdin for -, with the default gates', async () => {
    await submit(['-', '--name', 'Piped'], 'from a pipe');
    expect(gateway.requestsTo('POST', '/v1/projects')[0]?.body).toEqual({
      name: 'Piped',
      requirements: 'from a pipe',
      options: { gates: { prd_approval: true, delivery_approval: false } },
    });
  });

  it('retries a 503 with the same Idempotency-Key, so no second project is made', async () => {
    let calls = 0;
    gateway.on('POST', '/v1/projects', (_req, res) =>
      ++calls === 1
        ? sendProblem(res, 503, 'Service Unavailable', 'retry')
        : sendJson(res, 202, created),
    );
    expect((await submit(['req.md', '--name', 'W'])).code).toBe(0);
    const keys = gateway
      .requestsTo('POST', '/v1/projects')
      .map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it('with --watch follows the project and exits as watch does', async () => {
    gateway
      .on('GET', `/v1/projects/${PROJECT_ID}`, (_req, res) => sendJson(res, 200, aProjectDetail()))
      .on('GET', `/v1/projects/${PROJECT_ID}/events`, (_req, res) => {
        openSse(res);
        res.end(framesFrom(1, AFTER_GATE) + endFrame());
      });
    const { code, stdout } = await submit(['req.md', '--name', 'W', '--watch']);
    expect(stdout).toContain(`project ${PROJECT_ID} completed`);
    expect(code).toBe(0);
  });

  it.each([
    [['missing.md', '--name', 'W'], 'error: cannot read missing.md (ENOENT)'],
    [['-', '--name', 'W'], 'error: the requirements in stdin are empty'],
    [['req.md'], "error: required option '--name <name>' not specified"],
    [['req.md', '--name', 'W', '--budget-tokens', '1.5'], 'expected a whole number above 0.'],
  ])('refuses %j with exit 2 before sending anything', async (args, message) => {
    const { code, stderr } = await submit(args, args[0] === '-' ? '  \n' : undefined);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(gateway.requests).toHaveLength(0);
  });
});
