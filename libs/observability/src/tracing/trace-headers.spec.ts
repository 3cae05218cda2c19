import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTelemetry, type Telemetry } from './start-telemetry';
import { extractTraceContext, injectTraceHeaders } from './trace-headers';

describe(injectTraceHeaders.name, () => {
  let telemetry: Telemetry;
  const exporter = new InMemorySpanExporter();
  beforeAll(() => {
    telemetry = startTelemetry({ serviceName: 'orch', exporter });
  });
  afterAll(() => telemetry.shutdown());

  it('writes the active span as traceparent, which extractTraceContext reads back', () => {
    const headers = new Map<string, string>();
    const sent = trace.getTracer('spec').startActiveSpan('publish', (span) => {
      injectTraceHeaders((key, value) => headers.set(key, value));
      span.end();
      return span.spanContext();
    });
    expect(headers.get('traceparent')).toBe(`00-${sent.traceId}-${sent.spanId}-01`);

    const received = trace.getSpanContext(extractTraceContext((key) => headers.get(key)));
    expect(received).toMatchObject({ traceId: sent.traceId, spanId: sent.spanId, isRemote: true });
  });

  it('makes the consumer span a child of the producer span in the same trace', async () => {
    const headers = new Map<string, string>();
    const producer = trace.getTracer('spec').startSpan('publish');
    injectTraceHeaders(
      (key, value) => headers.set(key, value),
      trace.setSpan(ROOT_CONTEXT, producer),
    );
    producer.end();

    const parent = extractTraceContext((key) => headers.get(key));
    const consumer = trace.getTracer('spec').startSpan('process', {}, parent);
    consumer.end();
    await telemetry.flush();
    const finished = exporter.getFinishedSpans().find((span) => span.name === 'process');
    expect(finished?.spanContext().traceId).toBe(producer.spanContext().traceId);
    expect(finished?.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
  });

  it('writes nothing outside a span, and extracts nothing from empty headers', () => {
    const headers = new Map<string, string>();
    context.with(ROOT_CONTEXT, () => injectTraceHeaders((key, value) => headers.set(key, value)));
    expect(headers.size).toBe(0);
    expect(trace.getSpanContext(extractTraceContext(() => undefined))).toBeUndefined();
  });
});
