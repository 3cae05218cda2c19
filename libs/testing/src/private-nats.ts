import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProcess, type ProcessHandle } from './process';

/** The nats-server binary: `NATS_SERVER_BIN`, else the Debian package's path. */
export const NATS_SERVER_BIN = process.env['NATS_SERVER_BIN'] ?? '/usr/sbin/nats-server';

/**
 * Starts a nats-server of its own with JetStream on 127.0.0.1:`port`, storing in `storeDir` (a new
 * temp dir by default; pass the same one to restart with the same streams). Stopped with the test
 * file like every {@link startProcess} child; `waitForExit` after a kill.
 */
export function startPrivateNats(
  port: number,
  storeDir: string = mkdtempSync(join(tmpdir(), 'agentbus-nats-')),
): ProcessHandle {
  return startProcess({
    name: `nats-${port}`,
    command: NATS_SERVER_BIN,
    args: ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir],
  });
}
