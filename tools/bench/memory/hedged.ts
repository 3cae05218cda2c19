/** What a {@link Hedged} did since it was made. */
export interface HedgeStats {
  readonly calls: number;
  /** Calls that sent a second request (the first had not answered by the delay). */
  readonly hedged: number;
  /** Hedged calls the second request answered first. */
  readonly secondWon: number;
}

/**
 * Runs a read, and when it has not answered by the `quantile` of its recent latencies, the same
 * read again; the first answer wins (the other is left to finish, its result dropped). For an
 * idempotent read whose tail is a stall of one request rather than load: a second request then
 * usually answers first. Until `minSamples` latencies are known nothing is hedged.
 */
export class Hedged {
  private readonly latencies: number[] = [];
  private next = 0;
  private calls = 0;
  private hedged = 0;
  private secondWon = 0;

  constructor(
    private readonly quantile = 0.9,
    private readonly window = 200,
    private readonly minSamples = 20,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get stats(): HedgeStats {
    return { calls: this.calls, hedged: this.hedged, secondWon: this.secondWon };
  }

  /** The delay before a second request: the quantile of the window, else undefined. */
  delayMs(): number | undefined {
    if (this.latencies.length < this.minSamples) return undefined;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(this.quantile * sorted.length))];
  }

  run<T>(read: () => Promise<T>): Promise<T> {
    this.calls++;
    const delay = this.delayMs();
    const first = this.timed(read);
    if (delay === undefined) return first;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      let failures = 0;
      let attempts = 1;
      const win = (second: boolean) => (value: T) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (second) this.secondWon++;
        resolve(value);
      };
      // Rejected only when every request sent has failed (a lone failure may be the slow one).
      const fail = (error: unknown) => {
        failures++;
        if (settled || failures < attempts) return;
        if (attempts === 1) clearTimeout(timer);
        settled = true;
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      first.then(win(false), fail);
      const timer = setTimeout(() => {
        if (settled) return;
        attempts++;
        this.hedged++;
        this.timed(read).then(win(true), fail);
      }, delay);
    });
  }

  /** Runs `read`, recording how long it took (failures too: a timeout is latency). */
  private async timed<T>(read: () => Promise<T>): Promise<T> {
    const started = this.now();
    try {
      return await read();
    } finally {
      this.record(this.now() - started);
    }
  }

  private record(ms: number): void {
    if (this.latencies.length < this.window) this.latencies.push(ms);
    else this.latencies[this.next] = ms;
    this.next = (this.next + 1) % this.window;
  }
}
