// Run by telemetry-options-from-env.spec.ts in its own node process: the OTLP exporter loads
// `http` by dynamic import, which jest's module sandbox cannot do. Ends one span, flushes it and
// prints whether it was recorded (false: no SDK was started).
import { trace } from '@opentelemetry/api';
import { startTelemetry } from '../src/tracing/start-telemetry';
import { telemetryOptionsFromEnv } from '../src/tracing/telemetry-options-from-env';

async function main(): Promise<void> {
  const telemetry = startTelemetry(telemetryOptionsFromEnv('master-orchestrator', process.env));
  try {
    const recording = trace
      .getTracer('fixture')
      .startActiveSpan('decide stage-completed', (span) => {
        const recorded = span.isRecording();
        span.end();
        return recorded;
      });
    await telemetry.flush();
    process.stdout.write(JSON.stringify({ recording }));
  } finally {
    await telemetry.shutdown();
  }
}

void main();
