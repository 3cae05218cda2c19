import { startTelemetry, type Telemetry } from '@agentbus/observability';

/**
 * For an app's `instrument.ts`, which runs before config is parsed: reads OTEL_TRACES_EXPORTER
 * (`none` by default) and starts tracing accordingly.
 */
export function startTelemetryFromEnv(serviceName: string): Telemetry {
  const choice = process.env['OTEL_TRACES_EXPORTER'] ?? 'none';
  const exporter = choice === 'otlp' || choice === 'console' ? choice : 'none';
  return startTelemetry({ serviceName, exporter });
}
