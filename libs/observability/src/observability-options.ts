import type { DestinationStream, LevelWithSilent } from 'pino';

/** Options of {@link ObservabilityModule.forRoot}. */
export interface ObservabilityOptions {
  /** The app's name: the `service` field of logs and the `service` label of metrics. */
  readonly service: string;
  /** Default `info`. */
  readonly logLevel?: LevelWithSilent | undefined;
  /** How long a readiness check may take before it counts as failed; default 2000 ms. */
  readonly readinessTimeoutMs?: number | undefined;
  /** Where log lines go; default stdout. Tests pass a collecting stream. */
  readonly logDestination?: DestinationStream | undefined;
}
