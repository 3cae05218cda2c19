export { ObservabilityModule } from './observability.module';
export { type ObservabilityOptions } from './observability-options';
export { PINO_LOGGER } from './observability.constants';

export { createLogger, type LoggerOptions } from './logging/create-logger';
export { runWithLogContext, currentLogContext, type LogContext } from './logging/log-context';
export { DEFAULT_REDACT_PATHS, REDACTED } from './logging/redact-paths';
export { AppLogger } from './logging/app-logger.service';

export { createMetricsRegistry } from './metrics/create-metrics-registry';
export { MessagingMetrics, type MessageOutcome } from './metrics/messaging-metrics';

export {
  HealthRegistry,
  DEFAULT_READINESS_TIMEOUT_MS,
  SHUTDOWN_CHECK,
  type ReadinessCheck,
  type ReadinessReport,
  type CheckResult,
} from './health/health-registry';
export { HealthCheckTimeoutError, DuplicateHealthCheckError } from './health/health.errors';

export {
  startTelemetry,
  TelemetryAlreadyStartedError,
  type Telemetry,
  type TelemetryExporter,
  type TelemetryOptions,
} from './tracing/start-telemetry';
export { telemetryOptionsFromEnv, type TelemetryEnv } from './tracing/telemetry-options-from-env';
export { injectTraceHeaders, extractTraceContext } from './tracing/trace-headers';
