import { type Logger } from 'pino';

/** A link a service needs before it can boot: `probe` resolves once it is usable. */
export interface Dependency {
  /** The readiness name, e.g. `nats`, `postgres`, `chroma`. */
  readonly name: string;
  /** One connection attempt; rejects with a message that says what to check. */
  readonly probe: () => Promise<void>;
}

/** Backoff between the attempts of one dependency; see {@link backoffDelay}. */
export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** 250 ms doubling to 5 s: a dependency that appears is noticed within about 5 s. */
export const STARTUP_BACKOFF: Backoff = { initialMs: 250, maxMs: 5_000 };

/** Delay before retry `attempt` (1-based): capped exponential with "full jitter" on the upper half. */
export function backoffDelay(attempt: number, { initialMs, maxMs }: Backoff): number {
  const capped = Math.min(maxMs, initialMs * 2 ** Math.min(attempt - 1, 30));
  // Half fixed, half random: replicas restarted together do not retry in lockstep.
  return Math.round(capped / 2 + Math.random() * (capped / 2));
}

/** Thrown by {@link waitForDependencies} when its signal aborts (e.g. SIGTERM while waiting). */
export class StartupAbortedError extends Error {
  constructor() {
    super('stopped while waiting for dependencies');
    this.name = 'StartupAbortedError';
  }
}

/**
 * Probes every dependency concurrently, retrying each with capped backoff until all answer. Each
 * failed attempt is logged at warn with the probe's message (what to check) and passed to
 * `report`, as is each success (`undefined`), so `/readyz` can name what is still missing. Rejects
 * with {@link StartupAbortedError} when `signal` aborts.
 */
export async function waitForDependencies(
  dependencies: readonly Dependency[],
  options: WaitOptions,
): Promise<void> {
  // Raced with the signal: a probe in flight (up to its timeout) must not delay a SIGTERM exit.
  const aborted = new Promise<never>((_, reject) => {
    const abort = (): void => reject(new StartupAbortedError());
    if (options.signal.aborted) abort();
    else options.signal.addEventListener('abort', abort, { once: true });
  });
  aborted.catch(() => undefined);
  await Promise.race([
    Promise.all(dependencies.map((dependency) => waitForOne(dependency, options))),
    aborted,
  ]);
}

/** Options of {@link waitForDependencies}. */
export interface WaitOptions {
  readonly logger: Logger;
  readonly signal: AbortSignal;
  readonly report: (name: string, problem: string | undefined) => void;
  readonly backoff?: Backoff;
}

async function waitForOne(
  { name, probe }: Dependency,
  { logger, signal, report, backoff = STARTUP_BACKOFF }: WaitOptions,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw new StartupAbortedError();
    try {
      await probe();
      report(name, undefined);
      if (attempt > 1) logger.info({ dependency: name, attempts: attempt }, `${name} is up`);
      return;
    } catch (error) {
      const delayMs = backoffDelay(attempt, backoff);
      const reason = error instanceof Error ? error.message : String(error);
      report(name, reason);
      logger.warn(
        { dependency: name, attempt, retryInMs: delayMs },
        `waiting for ${name}: ${reason}; retrying in ${delayMs} ms`,
      );
      await sleep(delayMs, signal);
    }
  }
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
