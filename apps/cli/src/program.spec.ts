import { createServer } from 'node:net';
import { PROJECT_ID } from '../test/builders';
import { FakeGateway, sendJson, sendProblem } from '../test/fake-gateway';
import { runAgentBus } from '../test/run-cli';
import { runCli } from './program';

/** A port nothing listens on: bound, read, released. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe(runCli.name, () => {
  it('connection refused: exit 3, asks whether the gateway runs and how to start it', async () => {
    const url = await closedPortUrl();
    const { code, stderr } = await runAgentBus(['get', PROJECT_ID], { url });
    expect(code).toBe(3);
    expect(stderr).toBe(
      `error: cannot reach the gateway at ${url} (ECONNREFUSED)\n` +
        'hint: is the gateway running? start it with `npm run up`, or point --url / AGENT_BUS_URL at it\n',
    );
  });

  it('refuses a URL that is not http(s), naming where it came from', async () => {
    const { code, stderr } = await runAgentBus(['list'], {
      env: { AGENT_BUS_URL: 'localhost:3000' },
    });
    expect(code).toBe(2);
    expect(stderr).toContain('error: AGENT_BUS_URL is not an http(s) URL: "localhost:3000"');
  });

  it('prefers --url to AGENT_BUS_URL and repeats it in the commands it suggests', async () => {
    const gateway = await FakeGateway.start();
    gateway.on('POST', `/v1/projects/${PROJECT_ID}/cancel`, (_req, res) =>
      sendJson(res, 202, { status: 'accepted' }),
    );
    try {
      const { code, stdout } = await runAgentBus(
        ['cancel', PROJECT_ID, '--url', gateway.url, '--reason', 'dup'],
        {
          url: 'http://127.0.0.1:1',
        },
      );
      expect(code).toBe(0);
      expect(gateway.requests[0]?.body).toEqual({ reason: 'dup' });
      expect(stdout).toContain(`see it end:  agent-bus --url ${gateway.url} watch ${PROJECT_ID}`);
    } finally {
      await gateway.close();
    }
  });

  it('restart posts the stage, and explains a 409 while the project still runs', async () => {
    const gateway = await FakeGateway.start();
    gateway.on('POST', `/v1/projects/${PROJECT_ID}/restart`, (_req, res) =>
      sendProblem(res, 409, 'Conflict', 'The project is running.'),
    );
    try {
      const { code, stderr } = await runAgentBus(['restart', PROJECT_ID, '--from', 'plan'], {
        url: gateway.url,
      });
      expect(gateway.requests[0]?.body).toEqual({ fromStage: 'plan' });
      expect(code).toBe(4);
      expect(stderr).toContain(
        `hint: the project is still queued or running: follow it with \`agent-bus watch ${PROJECT_ID}\``,
      );
    } finally {
      await gateway.close();
    }
  });

  it('shows commands as `npm run agent-bus --` when run through the root script', async () => {
    const gateway = await FakeGateway.start();
    try {
      const { stderr: notFound } = await runAgentBus(['get', 'x'], {
        url: gateway.url,
        env: { npm_lifecycle_event: 'agent-bus' },
      });
      expect(notFound).toContain('`npm run agent-bus -- list` shows your projects');
    } finally {
      await gateway.close();
    }
  });

  it.each([
    [[], 2],
    [['--help'], 0],
    [['nonsense'], 2],
    [['restart', PROJECT_ID, '--from', 'nowhere'], 2],
  ])('%j exits %i', async (args, expected) => {
    expect((await runAgentBus(args)).code).toBe(expected);
  });

  it('lists the exit codes in the help', async () => {
    const { stdout } = await runAgentBus(['--help']);
    expect(stdout).toContain(
      'Exit codes: 0 done (watch: project completed), 1 project failed or cancelled',
    );
  });
});
