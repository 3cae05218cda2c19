import { createServer } from 'node:net';
import { runAgentBus } from '../../test/run-cli';

/** A NATS URL nothing listens on: a port bound, read and released. */
async function closedNatsUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `nats://127.0.0.1:${port}`;
}

describe('agent-bus dlq', () => {
  it.each([
    [['dlq', 'replay'], 'name the dead letters to replay, or --all'],
    [['dlq', 'replay', '17', '--all'], 'give dead letters or --all, not both'],
    [['dlq', 'replay', '17', '--subject', 'agentbus.task.>'], '--subject and --consumer select'],
  ])('refuses %j before connecting (exit 2)', async (args, message) => {
    // NATS_URL points nowhere: a usage error must win over the connection error.
    const { code, stderr } = await runAgentBus(args, { env: { NATS_URL: await closedNatsUrl() } });
    expect(code).toBe(2);
    expect(stderr).toContain(`error: ${message}`);
  });

  it('refuses a namespace the services could not have (exit 2)', async () => {
    const { code, stderr } = await runAgentBus(['dlq', 'list', '--namespace', 'Has Caps']);
    expect(code).toBe(2);
    expect(stderr).toContain('namespace "Has Caps"');
  });

  it('says NATS is unreachable and where it looked (exit 3)', async () => {
    const url = await closedNatsUrl();
    const { code, stderr } = await runAgentBus(['dlq', 'list'], { env: { NATS_URL: url } });
    expect(code).toBe(3);
    expect(stderr).toContain(`no NATS server answers at ${url}`);
    expect(stderr).toContain('hint: is NATS running? point --nats-url / NATS_URL');
  });

  it('prefers --nats-url to NATS_URL', async () => {
    const flag = await closedNatsUrl();
    const { stderr } = await runAgentBus(['dlq', '--nats-url', flag, 'list'], {
      env: { NATS_URL: 'nats://127.0.0.1:1' },
    });
    expect(stderr).toContain(`no NATS server answers at ${flag}`);
  });

  it('lists its subcommands in the help', async () => {
    const { code, stdout } = await runAgentBus(['dlq', '--help']);
    expect(code).toBe(0);
    for (const sub of ['list', 'show', 'replay']) expect(stdout).toContain(sub);
  });
});
