import { type TelemetryOptions } from './start-telemetry';

/** The environment variables {@link telemetryOptionsFromEnv} reads (the OpenTelemetry SDK's own). */
export type TelemetryEnv = Readonly<Record<string, string | undefined>>;

const set = (value: string | undefined): value is string =>
  value !== undefined && value.trim() !== '';

/**
 * Options for {@link startTelemetry} from the standard OpenTelemetry variables, so the same
 * settings drive every SDK in a deployment:
 * - `OTEL_SDK_DISABLED=true` turns tracing off whatever else is set;
 * - `OTEL_TRACES_EXPORTER` (`otlp`, `console`, `none`) chooses explicitly;
 * - otherwise spans go over OTLP/HTTP once `OTEL_EXPORTER_OTLP_ENDPOINT` (or the traces-only
 *   `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set, and nowhere when neither is: unlike the SDK's
 *   default, an unconfigured service does not send spans to a collector that is not there;
 * - `OTEL_SERVICE_NAME` overrides the app's name as `service.name`.
 * An unknown exporter starts nothing here; the service's config check then rejects it by name.
 */
export function telemetryOptionsFromEnv(serviceName: string, env: TelemetryEnv): TelemetryOptions {
  const name = set(env['OTEL_SERVICE_NAME']) ? env['OTEL_SERVICE_NAME'].trim() : serviceName;
  return { serviceName: name, exporter: exporterFrom(env) };
}

function exporterFrom(env: TelemetryEnv): 'none' | 'otlp' | 'console' {
  if (env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true') return 'none';
  const chosen = env['OTEL_TRACES_EXPORTER'];
  if (set(chosen)) {
    const value = chosen.trim().toLowerCase();
    return value === 'otlp' || value === 'console' ? value : 'none';
  }
  const endpoints = [env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'], env['OTEL_EXPORTER_OTLP_ENDPOINT']];
  return endpoints.some(set) ? 'otlp' : 'none';
}
