/** The bench's options: `--name value`, else `BENCH_NAME` in the environment, else the default. */
export interface BenchFlags {
  readonly projects: number;
  readonly concurrency: number;
  readonly latencyMs: number;
  readonly workers: number;
  /** Unset: the offline provider's natural answer sizes. */
  readonly artifactBytes: number | undefined;
  readonly idleS: number;
  readonly floorIterations: number;
  /** Hold mode: this many projects held at the first gate, then approved at once. */
  readonly hold: number | undefined;
  readonly submitConcurrency: number;
  readonly timeoutS: number;
}

const raw = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0
    ? process.argv[at + 1]
    : process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
};

const whole = (name: string, fallback: number | undefined, min = 0): number | undefined => {
  const text = raw(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`--${name} must be a whole number >= ${min}, got "${text}"`);
  }
  return value;
};

const required = (name: string, fallback: number, min = 0): number =>
  whole(name, fallback, min) ?? fallback;

/** Parses the flags once; throws naming the first bad one. */
export function parseFlags(): BenchFlags {
  return {
    projects: required('projects', 200, 1),
    concurrency: required('concurrency', 50, 1),
    latencyMs: required('latency-ms', 0),
    workers: required('workers', 1, 1),
    artifactBytes: whole('artifact-bytes', undefined, 64),
    idleS: required('idle-s', 30),
    floorIterations: required('floor-iterations', 500, 1),
    hold: whole('hold', undefined, 1),
    submitConcurrency: required('submit-concurrency', 50, 1),
    timeoutS: required('timeout-s', 900, 1),
  };
}
