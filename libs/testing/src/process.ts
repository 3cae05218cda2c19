import { spawn } from 'node:child_process';

/** What {@link startProcess} runs. Use the real server binary (`node main.js`), not `npm run`, so signals reach it. */
export interface StartProcessOptions {
  /** Label for output and errors, e.g. `gateway`. */
  readonly name: string;
  readonly command: string;
  readonly args?: readonly string[];
  /** Merged over `process.env`; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
}

/** How a process ended; `ms` is its lifetime from spawn to exit. */
export interface ExitResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly ms: number;
}

/** Options for {@link ProcessHandle.waitForHttp}. */
export interface WaitForHttpOptions {
  /** Expected status; default 200. */
  readonly status?: number;
  /** Default 30 000 ms. */
  readonly timeoutMs?: number;
}

/** A child process under test, from {@link startProcess}. */
export interface ProcessHandle {
  readonly name: string;
  readonly pid: number | undefined;
  /** Exit result once the process has ended, else `undefined`. */
  readonly exit: ExitResult | undefined;
  /** Everything it wrote to stdout and stderr so far, interleaved (the last 1 MiB). */
  output(): string;
  /** Polls `url` until it answers with `status`; fails early, with the output, if the process exits. */
  waitForHttp(url: string, options?: WaitForHttpOptions): Promise<void>;
  /** Sends `signal` (default SIGTERM); false if the process had already exited. */
  kill(signal?: NodeJS.Signals): boolean;
  /** Resolves when the process exits; rejects, with the output, after `timeoutMs` (default 10 000). */
  waitForExit(timeoutMs?: number): Promise<ExitResult>;
}

const OUTPUT_LIMIT = 1024 * 1024;
const TAIL_LINES = 200;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class ManagedProcess implements ProcessHandle {
  readonly name: string;
  readonly pid: number | undefined;
  exit: ExitResult | undefined;
  private text = '';
  private truncated = false;
  private readonly exited: Promise<ExitResult>;
  private readonly kill_: (signal: NodeJS.Signals) => boolean;

  constructor({ name, command, args = [], env = {}, cwd }: StartProcessOptions) {
    this.name = name;
    const started = Date.now();
    const child = spawn(command, [...args], {
      cwd: cwd ?? process.cwd(),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.pid = child.pid;
    this.kill_ = (signal) => child.kill(signal);
    child.stdout.on('data', (chunk: Buffer) => this.append(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => this.append(chunk.toString()));
    this.exited = new Promise((resolve) => {
      const done = (code: number | null, signal: NodeJS.Signals | null): void => {
        this.exit ??= { code, signal, ms: Date.now() - started };
        live.delete(this);
        resolve(this.exit);
      };
      child.once('exit', done);
      child.once('error', (error) => {
        this.append(`[${name}] failed to start: ${error.message}\n`);
        if (child.pid === undefined) done(null, null);
      });
    });
  }

  output(): string {
    return this.truncated ? `[… earlier output dropped …]\n${this.text}` : this.text;
  }

  /** The last lines of output, for error messages. */
  tail(): string {
    const lines = this.output().split('\n');
    const state = this.exit
      ? `exited code=${this.exit.code} signal=${this.exit.signal}`
      : 'running';
    return `--- ${this.name} (pid ${this.pid}, ${state}), last ${TAIL_LINES} lines ---\n${lines.slice(-TAIL_LINES).join('\n')}`;
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    return this.exit === undefined && this.kill_(signal);
  }

  async waitForExit(timeoutMs = 10_000): Promise<ExitResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${this.name} did not exit within ${timeoutMs} ms\n${this.tail()}`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async waitForHttp(
    url: string,
    { status = 200, timeoutMs = 30_000 }: WaitForHttpOptions = {},
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
      if (this.exit) {
        throw new Error(`${this.name} exited before ${url} answered ${status}\n${this.tail()}`);
      }
      try {
        const signal = AbortSignal.timeout(Math.max(Math.min(2_000, deadline - Date.now()), 1));
        const response = await fetch(url, { signal });
        await response.body?.cancel();
        if (response.status === status) return;
        last = `status ${response.status}`;
      } catch (error) {
        last = error instanceof Error ? `${error.message}` : String(error);
      }
      await sleep(100);
    }
    throw new Error(
      `${url} did not answer ${status} within ${timeoutMs} ms (${last})\n${this.tail()}`,
    );
  }

  private append(chunk: string): void {
    this.text += chunk;
    if (this.text.length > OUTPUT_LIMIT) {
      this.text = this.text.slice(-OUTPUT_LIMIT);
      this.truncated = true;
    }
  }
}

// Per test file: jest gives each file its own copy of this module.
const live = new Set<ManagedProcess>();
const startedHere: ManagedProcess[] = [];

/**
 * Spawns a child process for a test and captures its output. Processes still running when the test
 * file ends are stopped, and a failing test prints the output of every process the file started.
 */
export const startProcess = (options: StartProcessOptions): ProcessHandle => {
  const managed = new ManagedProcess(options);
  startedHere.push(managed);
  if (!managed.exit) live.add(managed);
  return managed;
};

/** Stops every process this test file started that is still running: SIGTERM, then SIGKILL after `graceMs`. */
export const stopAllProcesses = async (graceMs = 5_000): Promise<void> => {
  await Promise.all(
    [...live].map(async (managed) => {
      managed.kill('SIGTERM');
      try {
        await managed.waitForExit(graceMs);
      } catch {
        managed.kill('SIGKILL');
        await managed.waitForExit(graceMs).catch(() => undefined);
      }
    }),
  );
};

interface CircusEvent {
  readonly name: string;
  readonly test?: { readonly errors: readonly unknown[] };
}

const printOutputs = (event: CircusEvent): void => {
  const failed =
    (event.name === 'test_done' && (event.test?.errors.length ?? 0) > 0) ||
    event.name === 'hook_failure';
  if (!failed || startedHere.length === 0) return;
  console.error(
    `Output of the processes this test file started:\n${startedHere.map((p) => p.tail()).join('\n')}`,
  );
};

// Wire into jest when loaded by a test file: stop leftovers after the file, print output on failure.
// jest-circus keeps its event handlers in a global array under a registry symbol (its addEventHandler).
if (typeof afterAll === 'function') {
  try {
    afterAll(() => stopAllProcesses(), 15_000);
    const handlers = (globalThis as Record<symbol, unknown>)[Symbol.for('EVENT_HANDLERS')];
    if (Array.isArray(handlers)) handlers.push(printOutputs);
  } catch {
    // Imported from inside a test, where hooks cannot be added: call stopAllProcesses() yourself.
  }
}
