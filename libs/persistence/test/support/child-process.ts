import { spawn } from 'node:child_process';

/** A child process under test with its output captured. */
export interface Child {
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  waitForExit(timeoutMs?: number): Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

/** Spawns `node <args>` with `env` added; output is kept for assertions and failure messages. */
export function startNode(
  args: readonly string[],
  env: Record<string, string>,
  cwd: string,
): Child {
  const child = spawn(process.execPath, [...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
    Promise.race([
      promise,
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error(`${what} within ${ms} ms; output:\n${text}`)),
          ms,
        ).unref(),
      ),
    ]);
  return {
    output: () => text,
    waitForOutput: (pattern, timeoutMs = 20_000) =>
      within(
        new Promise<void>((resolve, reject) => {
          const check = (): void => {
            if (pattern.test(text)) resolve();
            else if (child.exitCode !== null) reject(new Error(`exited early; output:\n${text}`));
            else setTimeout(check, 20);
          };
          check();
        }),
        timeoutMs,
        `no ${pattern}`,
      ),
    waitForExit: (timeoutMs = 20_000) => within(exited, timeoutMs, 'no exit'),
    kill: (signal = 'SIGTERM') => void child.kill(signal),
  };
}
