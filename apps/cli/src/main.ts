import { DEFAULT_TIMING } from './io';
import { runCli } from './program';

// Ctrl-C once: the running command stops cleanly and says how to resume; twice: Node exits.
const interrupted = new AbortController();
process.once('SIGINT', () => interrupted.abort());

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  signal: interrupted.signal,
  timing: DEFAULT_TIMING,
}).then((code) => {
  process.exitCode = code;
});
