/** The pino subset the bus logs through; `pino()` satisfies it. */
export interface BusLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** How a delivery ended, as a metric label. */
export type HandleOutcome = 'ack' | 'nak' | 'dead_letter';

/**
 * Metric sinks the bus reports to; the observability lib's `MessagingMetrics` has this shape. Subjects
 * are canonical (no namespace), so label cardinality does not grow with test runs.
 */
export interface MessagingMetricsHooks {
  observeHandle(subject: string, consumer: string, outcome: HandleOutcome, seconds: number): void;
  observePublish(subject: string, seconds: number): void;
}

/** Optional hooks accepted by {@link connectBus} and overridable per call. */
export interface BusHooks {
  logger?: BusLogger | undefined;
  metrics?: MessagingMetricsHooks | undefined;
}

const noop = (): void => undefined;

/** A logger that drops everything: the default when none is given. */
export const silentLogger: BusLogger = Object.freeze({
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
});

/** An error as a log field: name, message and stack, without enumerating foreign properties. */
export const errorFields = (
  error: unknown,
): { err: { name: string; message: string; stack?: string } } => {
  if (error instanceof Error) {
    return {
      err: {
        name: error.name,
        message: error.message,
        ...(error.stack === undefined ? {} : { stack: error.stack }),
      },
    };
  }
  return { err: { name: 'NonError', message: String(error) } };
};
