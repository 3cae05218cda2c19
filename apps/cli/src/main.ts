import { DEFAULT_TIMING } from './io';
import { runCli } from './program';

// Ctrl-C once: the running command stops cleanly and says how to resume; twice: Node exits.
const interrupted = new AbortController();
process.once('SIGINT', () => interrupted.abort());

// `npm run agent-bus` runs in the repository root; files the user named are relative to where
// they typed the command, which npm keeps in INIT_CWD.
const viaNpm = process.env['npm_lifecycle_event'] === 'agent-bus';
const cwd = (viaNpm ? process.env['INIT_CWD'] : undefined) ?? process.cwd();

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd,
  signal: interrupted.signal,
  timing: DEFAULT_TIMING,
}).then((code) => {
  process.exitCode = code;
});
