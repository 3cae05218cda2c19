import { type Logger } from 'pino';

/**
 * Logs an outage of a service the worker asks (memory, skills) once instead of once per task: a
 * warning at the first failure (the reason only: an outage is an expected condition, its stack
 * says nothing) and one when it answers again, with how long it was down and how many tasks went
 * without it.
 */
export class OutageLog {
  private outage: { since: number; failures: number } | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly dependency: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The dependency failed a task; logged only when it starts an outage. */
  failed(error: unknown, fields: Readonly<Record<string, unknown>> = {}): void {
    if (this.outage !== undefined) {
      this.outage.failures += 1;
      return;
    }
    this.outage = { since: this.now(), failures: 1 };
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(
      { ...fields, reason },
      `${this.dependency} unavailable: tasks run without it until it answers again`,
    );
  }

  /** The dependency answered; ends an outage, if there was one. */
  answered(): void {
    if (this.outage === undefined) return;
    const { since, failures } = this.outage;
    this.outage = undefined;
    this.logger.warn(
      { downMs: this.now() - since, failures },
      `${this.dependency} answers again after ${failures} task(s) ran without it`,
    );
  }
}
