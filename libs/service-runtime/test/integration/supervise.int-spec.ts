import { mkdtempSync, readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, startProcess } from '@agentbus/testing';

const ROOT = join(__dirname, '../../../..');
const SUPERVISE = join(ROOT, 'tools/scripts/supervise.sh');
const DOWN = join(ROOT, 'tools/scripts/down.sh');

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// A service stand-in: records each start, crashes after `crashAfterMs` unless told to stay up, and
// on SIGTERM "drains" for 200 ms, writes `drained`, and exits 0.
const FAKE_SERVICE = `
const fs = require('node:fs');
const [dir, crashAfterMs] = process.argv.slice(2);
fs.appendFileSync(dir + '/starts', Date.now() + '\\n');
if (Number(crashAfterMs) > 0) setTimeout(() => process.exit(3), Number(crashAfterMs));
else setInterval(() => undefined, 1_000);
process.on('SIGTERM', () => setTimeout(() => { fs.writeFileSync(dir + '/drained', ''); process.exit(0); }, 200));
`;

describe('supervise.sh', () => {
  const supervise = (dir: string, crashAfterMs: number) => {
    writeFileSync(join(dir, 'fake.js'), FAKE_SERVICE);
    return startProcess({
      name: 'supervise',
      command: 'bash',
      args: [
        SUPERVISE,
        ...[
          '--name',
          'fake',
          '--log',
          join(dir, 'fake.log'),
          '--child-pid',
          join(dir, 'child.pid'),
        ],
        ...['--', 'node', join(dir, 'fake.js'), dir, String(crashAfterMs)],
      ],
      env: { SUPERVISE_BACKOFF_MS: '300', SUPERVISE_MAX_BACKOFF_MS: '1200' },
    });
  };
  const starts = (dir: string): number[] =>
    existsSync(join(dir, 'starts'))
      ? readFileSync(join(dir, 'starts'), 'utf8').trim().split('\n').map(Number)
      : [];

  it('restarts a crashing service with growing, capped delays, logged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentbus-supervise-'));
    const sut = supervise(dir, 50);
    await eventually(() => expect(starts(dir).length).toBeGreaterThanOrEqual(5), {
      timeoutMs: 30_000,
    });
    sut.kill('SIGTERM');
    await expect(sut.waitForExit(5_000)).resolves.toMatchObject({ code: 0 });

    const log = readFileSync(join(dir, 'fake.log'), 'utf8');
    expect(log).toMatch(
      /\[supervise\] fake: crashed \(code 3\) after \d+ s; restart #1 in 0\.300 s/,
    );
    expect(log).toMatch(/restart #2 in 0\.600 s/);
    expect(log).toMatch(/restart #3 in 1\.200 s/);
    expect(log).toMatch(/restart #4 in 1\.200 s/); // capped
    // Each restart came at least the announced delay after the crash was noted (node's own start
    // time on a loaded machine makes gaps between starts too noisy to compare).
    const notes = [...log.matchAll(/^(\S+) \[supervise\] fake: crashed .* in (\d+\.\d+) s$/gm)];
    const at = starts(dir);
    for (const [i, note] of notes.slice(0, 3).entries()) {
      const delayMs = Number(note[2]) * 1_000;
      expect(at[i + 1]).toBeGreaterThanOrEqual(Date.parse(note[1] ?? '') + delayMs);
    }
  });

  it('forwards SIGTERM, waits for the service to drain, and stops supervising', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentbus-supervise-'));
    const sut = supervise(dir, 0);
    await eventually(() => expect(existsSync(join(dir, 'child.pid'))).toBe(true));
    const child = Number(readFileSync(join(dir, 'child.pid'), 'utf8'));
    await eventually(() => expect(starts(dir)).toHaveLength(1));

    sut.kill('SIGTERM');
    await expect(sut.waitForExit(5_000)).resolves.toMatchObject({ code: 0 });
    expect(existsSync(join(dir, 'drained'))).toBe(true);
    expect(isAlive(child)).toBe(false);
    expect(readFileSync(join(dir, 'fake.log'), 'utf8')).toMatch(/fake: stopped \(exit code 0\)/);
  });

  it('down.sh stops every supervisor and its service', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentbus-services-'));
    mkdirSync(join(dir, 'run'));
    const children: number[] = [];
    for (const name of ['one', 'two']) {
      const sub = join(dir, name);
      mkdirSync(sub);
      writeFileSync(join(sub, 'fake.js'), FAKE_SERVICE);
      const sup = startProcess({
        name: `supervise-${name}`,
        command: 'bash',
        args: [
          SUPERVISE,
          ...['--name', name, '--log', join(sub, 'fake.log')],
          ...['--child-pid', join(dir, 'run', `${name}.child.pid`)],
          ...['--', 'node', join(sub, 'fake.js'), sub, '0'],
        ],
      });
      writeFileSync(join(dir, 'run', `${name}.pid`), String(sup.pid));
      await eventually(() => expect(existsSync(join(dir, 'run', `${name}.child.pid`))).toBe(true));
      children.push(Number(readFileSync(join(dir, 'run', `${name}.child.pid`), 'utf8')));
      await eventually(() => expect(starts(sub)).toHaveLength(1));
    }

    const down = startProcess({
      name: 'down',
      command: 'bash',
      args: [DOWN],
      env: { AGENTBUS_SERVICES_DIR: dir },
    });
    await expect(down.waitForExit(15_000)).resolves.toMatchObject({ code: 0 });
    expect(down.output()).toMatch(/stopped 2 services/);
    for (const pid of children) expect(isAlive(pid)).toBe(false);
    for (const name of ['one', 'two']) expect(existsSync(join(dir, name, 'drained'))).toBe(true);
  });
});
