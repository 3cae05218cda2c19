/** Options for {@link eventually}. */
export interface EventuallyOptions {
  /** Give up after this long; default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Pause between attempts; default 50 ms. */
  readonly intervalMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class AttemptTimeout extends Error {
  constructor(ms: number) {
    super(`eventually: the assertion did not settle within ${ms} ms`);
    this.name = 'AttemptTimeout';
  }
}

/** Settles like `attempt`, or rejects with {@link AttemptTimeout} once `ms` have passed. */
const within = async <T>(attempt: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AttemptTimeout(ms)), ms);
  });
  try {
    return await Promise.race([attempt, deadline]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Retries `assertion` until it returns without throwing, and resolves to its result. Use it instead
 * of sleeps. After `timeoutMs` it re-throws the last error, so jest shows the real failed expectation.
 */
export const eventually = async <T>(
  assertion: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 50 }: EventuallyOptions = {},
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let failed = false;
  for (;;) {
    try {
      return await within(Promise.resolve().then(assertion), Math.max(deadline - Date.now(), 1));
    } catch (error) {
      // An attempt cut off by the deadline says less than the assertion error before it.
      if (!(error instanceof AttemptTimeout) || !failed) lastError = error;
      failed = true;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw lastError;
    await sleep(Math.min(intervalMs, remaining));
  }
};
