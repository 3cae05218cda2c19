import { PassThrough, Readable, Writable } from 'node:stream';
import { type Timing } from '../src/io';
import { runCli } from '../src/program';

export const FAST: Timing = {
  reconnectDelayMs: 10,
  maxReconnectDelayMs: 40,
  maxReconnects: 3,
  idleTimeoutMs: 3_000,
  requestTimeoutMs: 5_000,
};

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly url?: string;
  readonly env?: Record<string, string | undefined>;
  readonly stdin?: string;
  readonly cwd?: string;
  readonly signal?: AbortSignal;
}

const collector = () => {
  const sink = { text: '' };
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      sink.text += chunk.toString();
      done();
    },
  });
  return { sink, stream };
};

/** `agent-bus <args>` in-process, not a TTY, against `url` with an API key set. */
export async function runAgentBus(
  args: readonly string[],
  options: RunOptions = {},
): Promise<CliRun> {
  const out = collector();
  const err = collector();
  const code = await runCli(args, {
    stdout: out.stream,
    stderr: err.stream,
    stdin: options.stdin === undefined ? new PassThrough() : Readable.from([options.stdin]),
    env: { AGENT_BUS_URL: options.url, AGENT_BUS_API_KEY: 'test-key', ...options.env },
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal ?? new AbortController().signal,
    timing: FAST,
  });
  return { code, stdout: out.sink.text, stderr: err.sink.text };
}
