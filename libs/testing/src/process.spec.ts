import { eventually } from './eventually';
import { freePort } from './free-port';
import { startProcess, stopAllProcesses } from './process';

const node = (name: string, script: string, env: Record<string, string> = {}) =>
  startProcess({ name, command: process.execPath, args: ['-e', script], env });

const httpServer = `
  const http = require('node:http');
  const server = http.createServer((req, res) => { res.statusCode = req.url === '/health' ? 200 : 404; res.end(); });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening on ' + process.env.PORT));
  process.on('SIGTERM', () => { console.log('draining'); server.close(() => process.exit(0)); });
`;

describe(startProcess.name, () => {
  afterAll(() => stopAllProcesses());

  it('captures stdout and stderr and reports the exit code', async () => {
    const sut = node(
      'printer',
      `console.log('to stdout'); console.error(process.env.GREETING); process.exit(3);`,
      {
        GREETING: 'to stderr',
      },
    );
    const exit = await sut.waitForExit(5_000);
    expect(exit).toEqual({ code: 3, signal: null, ms: expect.any(Number) });
    expect(sut.exit).toEqual(exit);
    expect(sut.output()).toContain('to stdout');
    expect(sut.output()).toContain('to stderr');
    expect(sut.kill()).toBe(false);
  });

  it('waits for an HTTP endpoint and stops the server with a signal', async () => {
    const port = await freePort();
    const sut = node('http', httpServer, { PORT: String(port) });
    await sut.waitForHttp(`http://127.0.0.1:${port}/health`, { timeoutMs: 10_000 });
    await sut.waitForHttp(`http://127.0.0.1:${port}/missing`, { status: 404 });
    expect(sut.kill('SIGTERM')).toBe(true);
    await expect(sut.waitForExit(5_000)).resolves.toMatchObject({ code: 0, signal: null });
    expect(sut.output()).toMatch(/listening on \d+\n.*draining/s);
  });

  it('fails waitForHttp early, with the output, when the process dies', async () => {
    const sut = node('crasher', `console.error('boom: bad config'); process.exit(1);`);
    const started = Date.now();
    await expect(
      sut.waitForHttp('http://127.0.0.1:9/health', { timeoutMs: 10_000 }),
    ).rejects.toThrow(/crasher exited before .*boom: bad config/s);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rejects waitForExit after the timeout, with the output', async () => {
    const sut = node('sleeper', `console.log('still here'); setInterval(() => undefined, 1000);`);
    await expect(sut.waitForExit(300)).rejects.toThrow(
      /sleeper did not exit within 300 ms.*running/s,
    );
    sut.kill('SIGKILL');
    await expect(sut.waitForExit(5_000)).resolves.toMatchObject({ code: null, signal: 'SIGKILL' });
  });

  it('reports a command that cannot start', async () => {
    const sut = startProcess({ name: 'ghost', command: '/nonexistent/binary' });
    await expect(sut.waitForExit(5_000)).resolves.toMatchObject({ code: null, signal: null });
    expect(sut.output()).toContain('failed to start');
  });
});

describe(stopAllProcesses.name, () => {
  it('stops what is still running, escalating to SIGKILL', async () => {
    const polite = node('polite', `setInterval(() => undefined, 1000);`);
    const stubborn = node(
      'stubborn',
      `process.on('SIGTERM', () => console.log('ignored')); setInterval(() => undefined, 1000); console.log('up');`,
    );
    await eventually(() => expect(stubborn.output()).toContain('up')); // SIGTERM handler installed
    await stopAllProcesses(300);
    expect(polite.exit).toMatchObject({ signal: 'SIGTERM' });
    expect(stubborn.exit).toMatchObject({ signal: 'SIGKILL' });
  });
});
