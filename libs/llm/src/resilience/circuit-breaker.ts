/** When a {@link CircuitBreaker} opens and how long it stays open. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  readonly failureThreshold: number;
  /** How long the circuit stays open before one probe call is let through. */
  readonly cooldownMs: number;
  /** The clock; tests pass their own. */
  readonly now?: () => number;
}

/** `closed` lets calls through, `open` fails them fast, `half-open` lets one probe through. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Leave to make one call; `probe` marks the single call let through while half-open. */
export type CircuitPermit =
  | { readonly allowed: true; readonly probe: boolean }
  | { readonly allowed: false; readonly retryInMs: number };

/** How a call ended, as far as the provider's health goes. */
export type CallHealth = 'success' | 'failure' | 'neutral';

/**
 * Counts consecutive failures of one provider. Unlike the original's breaker, a success while
 * closed resets the count, so five failures spread over a day of good calls never open it; and one
 * successful probe closes it (the original wanted three, which a single-probe half-open never sees).
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | undefined;
  private probeInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The state now; `open` turns into `half-open` by itself once the cool-down has passed. */
  get state(): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return this.remainingCooldown() > 0 ? 'open' : 'half-open';
  }

  /** Asks to make a call; refused while open or while the half-open probe is still running. */
  tryAcquire(): CircuitPermit {
    switch (this.state) {
      case 'closed':
        return { allowed: true, probe: false };
      case 'open':
        return { allowed: false, retryInMs: this.remainingCooldown() };
      case 'half-open':
        if (this.probeInFlight) return { allowed: false, retryInMs: this.options.cooldownMs };
        this.probeInFlight = true;
        return { allowed: true, probe: true };
    }
  }

  /** Records how a permitted call ended. */
  settle(permit: CircuitPermit, health: CallHealth): void {
    if (!permit.allowed) return;
    if (permit.probe) {
      this.probeInFlight = false;
      if (health === 'success') this.close();
      else if (health === 'failure') this.open();
      return;
    }
    // Calls that started before the circuit opened say nothing about the provider now.
    if (this.openedAt !== undefined) return;
    if (health === 'success') this.consecutiveFailures = 0;
    else if (health === 'failure') {
      this.consecutiveFailures += 1;
      if (this.consecutiveFailures >= this.options.failureThreshold) this.open();
    }
  }

  private open(): void {
    this.openedAt = this.now();
  }

  private close(): void {
    this.openedAt = undefined;
    this.consecutiveFailures = 0;
  }

  private remainingCooldown(): number {
    return Math.max(0, (this.openedAt ?? 0) + this.options.cooldownMs - this.now());
  }
}
