import { type OnModuleDestroy } from '@nestjs/common';
import { DuplicateHealthCheckError } from './health.errors';
import { withTimeout } from './with-timeout.util';

/** A readiness check: resolves when the dependency is usable, rejects (with why) when not. */
export type ReadinessCheck = () => Promise<void>;

/** The outcome of one readiness check. */
export interface CheckResult {
  readonly status: 'ok' | 'failed';
  readonly durationMs: number;
  readonly error?: string;
}

/** The outcome of all readiness checks: `ready` only when every one passed. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, CheckResult>>;
}

/** Name of the pseudo-check that fails once {@link HealthRegistry.markShuttingDown} was called. */
export const SHUTDOWN_CHECK = 'shutdown';

/** Default time a readiness check may take before it counts as failed. */
export const DEFAULT_READINESS_TIMEOUT_MS = 2_000;

/**
 * Named readiness checks that modules register (NATS, Postgres, Chroma…), run concurrently with a
 * timeout by `GET /readyz`. Readiness turns false for good once shutdown starts, so load balancers
 * stop sending work while in-flight work drains.
 */
export class HealthRegistry implements OnModuleDestroy {
  private readonly checks = new Map<string, ReadinessCheck>();
  private shuttingDown = false;

  constructor(private readonly timeoutMs: number = DEFAULT_READINESS_TIMEOUT_MS) {}

  /** Adds a named check; throws {@link DuplicateHealthCheckError} if the name is taken. */
  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new DuplicateHealthCheckError(name);
    this.checks.set(name, check);
  }

  /** Makes every later readiness report fail: called when shutdown starts. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  /** Nest calls this first on `app.close()` / SIGTERM (with shutdown hooks enabled). */
  onModuleDestroy(): void {
    this.markShuttingDown();
  }

  /** Runs every check concurrently, each bounded by the timeout. */
  async readiness(): Promise<ReadinessReport> {
    if (this.shuttingDown) {
      const shutdown: CheckResult = { status: 'failed', durationMs: 0, error: 'shutting down' };
      return { ready: false, checks: { [SHUTDOWN_CHECK]: shutdown } };
    }
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await this.run(check)] as const),
    );
    return {
      ready: entries.every(([, result]) => result.status === 'ok'),
      checks: Object.fromEntries(entries),
    };
  }

  private async run(check: ReadinessCheck): Promise<CheckResult> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    try {
      // The async wrapper turns a check that throws synchronously into a rejection.
      await withTimeout((async () => check())(), this.timeoutMs);
      return { status: 'ok', durationMs: elapsed() };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { status: 'failed', durationMs: elapsed(), error: reason };
    }
  }
}
