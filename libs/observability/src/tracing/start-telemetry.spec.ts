import { propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTelemetry, TelemetryAlreadyStartedError } from './start-telemetry';

describe(startTelemetry.name, () => {
  it('records spans through a given exporter, tagged with the service name', async () => {
    const exporter = new InMemorySpanExporter();
    const sut = startTelemetry({ serviceName: 'gpu-job-controller', exporter });
    try {
      trace.getTracer('spec').startActiveSpan('schedule job', (span) => span.end());
      await sut.flush();
      const [span] = exporter.getFinishedSpans();
      expect(span?.name).toBe('schedule job');
      expect(span?.resource.attributes['service.name']).toBe('gpu-job-controller');
    } finally {
      await sut.shutdown();
    }
  });

  it("starts no SDK with 'none', yet registers the W3C propagator", async () => {
    const sut = startTelemetry({ serviceName: 'gateway' });
    try {
      const span = trace.getTracer('spec').startSpan('ignored');
      expect(span.isRecording()).toBe(false);
      expect(propagation.fields()).toEqual(expect.arrayContaining(['traceparent', 'tracestate']));
    } finally {
      await sut.shutdown();
    }
    expect(propagation.fields()).toEqual([]);
  });

  it.each(['otlp', 'console'] as const)('starts a recording SDK with %s', async (exporter) => {
    const sut = startTelemetry({ serviceName: 'gateway', exporter });
    try {
      expect(trace.getTracer('spec').startSpan('unsent').isRecording()).toBe(true);
    } finally {
      await sut.shutdown();
    }
  });

  it('refuses a second start until the first is shut down', async () => {
    const first = startTelemetry({ serviceName: 'gateway', exporter: new InMemorySpanExporter() });
    expect(() => startTelemetry({ serviceName: 'gateway' })).toThrow(TelemetryAlreadyStartedError);
    await first.shutdown();
    await first.shutdown();
    const second = startTelemetry({ serviceName: 'gateway' });
    await second.shutdown();
  });
});
