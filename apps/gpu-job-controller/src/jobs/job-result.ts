/** A finished job's result as its artifact carries it. */
export interface JobResult {
  readonly jobName: string;
  readonly backend: 'kubernetes' | 'local';
  readonly kind: string;
  /** The command's last JSON line: its metrics (e.g. throughput, loss, latency). */
  readonly result: Record<string, unknown>;
  readonly hardware: Record<string, unknown>;
  readonly durationMs: number;
  readonly logTail: readonly string[];
}

/** A finished job printed no JSON object to read as its result. */
export class MissingResultError extends Error {
  constructor() {
    super('the job printed no JSON object on a line of its own; its last such line is the result');
    this.name = 'MissingResultError';
  }
}

/** The result of a job's log: its last line that is a JSON object (progress lines come before). */
export function resultOfLog(log: string): Record<string, unknown> {
  const lines = log.split('\n').map((line) => line.trim());
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const line = lines[index] ?? '';
    if (!line.startsWith('{')) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        return value as Record<string, unknown>;
      }
    } catch {
      // a progress line that looks like JSON but is not: keep looking
    }
  }
  throw new MissingResultError();
}

/** The last `count` non-empty lines of a log: what a person reads first when a job misbehaves. */
export function logTail(log: string, count: number): string[] {
  return log
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-count);
}
