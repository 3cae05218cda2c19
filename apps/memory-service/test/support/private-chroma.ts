import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, freePort, type ProcessHandle, startProcess } from '@agentbus/testing';

const CHROMA_BIN = join(__dirname, '../../../../node_modules/.bin/chroma');

/** A Chroma server of this test's own, on a data folder that survives its restarts. */
export async function startPrivateChroma() {
  const port = await freePort();
  const path = mkdtempSync(join(tmpdir(), 'chroma-'));
  const url = `http://127.0.0.1:${port}`;
  let handle: ProcessHandle | undefined;
  const start = async () => {
    handle = startProcess({
      name: 'chroma',
      command: CHROMA_BIN,
      args: ['run', '--path', path, '--host', '127.0.0.1', '--port', String(port)],
    });
    await handle.waitForHttp(`${url}/api/v2/heartbeat`, { timeoutMs: 30_000 });
  };
  const stop = async () => {
    const running = handle;
    if (!running || running.exit) return;
    running.kill('SIGTERM');
    await eventually(() => expect(running.exit).toBeDefined(), { timeoutMs: 15_000 });
  };
  await start();
  return {
    url,
    start,
    stop,
    /** Stops it and throws its data away (a lost volume). */
    async wipe() {
      await stop();
      rmSync(path, { recursive: true, force: true });
    },
    async dispose() {
      await stop();
      rmSync(path, { recursive: true, force: true });
    },
  };
}
