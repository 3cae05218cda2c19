import { startTelemetry, type Telemetry, telemetryOptionsFromEnv } from '@agentbus/observability';

/**
 * For an app's `instrument.ts`, which runs before config is parsed: starts tracing from the
 * standard OTEL_* variables (OTLP once OTEL_EXPORTER_OTLP_ENDPOINT is set, otherwise off).
 */
export function startTelemetryFromEnv(serviceName: string): Telemetry {
  return startTelemetry(telemetryOptionsFromEnv(serviceName, process.env));
}
