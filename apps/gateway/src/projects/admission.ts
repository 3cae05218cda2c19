/** What admission needs to know: how many projects the system is working on or about to. */
export type CountActive = () => Promise<number>;

export interface AdmissionOptions {
  /** Active projects (queued, running, or submitted and not yet created) beyond which new ones wait. 0: no limit. */
  readonly maxActive: number;
  /** How stale the shared count may be; submissions admitted since are added to it locally. */
  readonly refreshMs: number;
  readonly now?: () => number;
}

/** A submission refused because the system is at its limit of active projects. */
export interface Refusal {
  readonly active: number;
  readonly limit: number;
}

/**
 * Load shedding at the front door: the count of active projects is read from Postgres (shared by
 * every gateway replica) at most every `refreshMs`, one read at a time, and each submission this
 * replica admits since is added to it — so a burst cannot overshoot the limit by more than what the
 * other replicas admitted within one refresh. Projects waiting at a gate do not count: they hold no
 * workers, only a person's attention.
 */
export class Admission {
  private active = 0;
  private admittedSinceRead = 0;
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | undefined;
  private readonly now: () => number;

  constructor(
    private readonly countActive: CountActive,
    private readonly options: AdmissionOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Undefined when the submission may go ahead (and is counted), else why not. */
  async admit(): Promise<Refusal | undefined> {
    const limit = this.options.maxActive;
    if (limit === 0) return undefined;
    if (this.now() - this.readAt >= this.options.refreshMs) await this.refresh();
    const active = this.active + this.admittedSinceRead;
    if (active >= limit) return { active, limit };
    this.admittedSinceRead += 1;
    return undefined;
  }

  /** A submission counted by {@link admit} did not commit after all. */
  release(): void {
    if (this.admittedSinceRead > 0) this.admittedSinceRead -= 1;
  }

  private refresh(): Promise<void> {
    this.reading ??= (async () => {
      try {
        const startedAt = this.now();
        const count = await this.countActive();
        this.active = count;
        this.admittedSinceRead = 0;
        this.readAt = startedAt;
      } finally {
        this.reading = undefined;
      }
    })();
    return this.reading;
  }
}
