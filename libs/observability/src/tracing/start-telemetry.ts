import { context, propagation, type TextMapPropagator, trace } from '@opentelemetry/api';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** Where spans go: nowhere (SDK not started), OTLP/HTTP, stdout, or a given exporter (tests). */
export type TelemetryExporter = 'none' | 'otlp' | 'console' | SpanExporter;

/** Options of {@link startTelemetry}. */
export interface TelemetryOptions {
  /** The `service.name` resource attribute. */
  readonly serviceName: string;
  /** Default `'none'`. */
  readonly exporter?: TelemetryExporter | undefined;
}

/** Handle returned by {@link startTelemetry}. */
export interface Telemetry {
  /** Exports every ended span now (spans wait for resource detection or a batch otherwise). */
  flush(): Promise<void>;
  /** Flushes, stops the SDK and unregisters the globals; later calls do nothing. */
  shutdown(): Promise<void>;
}

/** Thrown when {@link startTelemetry} is called while an earlier start is still running. */
export class TelemetryAlreadyStartedError extends Error {
  constructor() {
    super('Telemetry is already started in this process; shut it down first');
    this.name = 'TelemetryAlreadyStartedError';
  }
}

let running = false;

/**
 * Starts OpenTelemetry tracing for an app's `instrument.ts`, before anything it should see. The
 * W3C trace-context (and baggage) propagator is always registered, so `traceparent` passes through
 * even with `'none'`, which otherwise starts nothing: no SDK, no context manager, no overhead.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  if (running) throw new TelemetryAlreadyStartedError();
  const exporter = options.exporter ?? 'none';
  const propagator = new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
  });
  if (exporter === 'none') {
    propagation.setGlobalPropagator(propagator);
    running = true;
    return handle(
      () => Promise.resolve(),
      async () => propagation.disable(),
    );
  }
  const telemetry = startSdk(options.serviceName, spanProcessorFor(exporter), propagator);
  running = true;
  return telemetry;
}

function startSdk(
  serviceName: string,
  processor: SpanProcessor,
  propagator: TextMapPropagator,
): Telemetry {
  const sdk = new NodeSDK({
    serviceName,
    textMapPropagator: propagator,
    spanProcessors: [processor],
    // Metrics are prom-client's and logs pino's: without these the SDK would export both by OTLP.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
  });
  sdk.start();
  return handle(
    () => processor.forceFlush(),
    async () => {
      try {
        await sdk.shutdown();
      } finally {
        // The SDK flushes but leaves its globals: unregister them so telemetry can start again.
        trace.disable();
        context.disable();
        propagation.disable();
      }
    },
  );
}

function spanProcessorFor(exporter: Exclude<TelemetryExporter, 'none'>): SpanProcessor {
  // OTLP over HTTP (protobuf); endpoint and headers come from the standard OTEL_EXPORTER_OTLP_* env.
  if (exporter === 'otlp') return new BatchSpanProcessor(new OTLPTraceExporter());
  if (exporter === 'console') return new SimpleSpanProcessor(new ConsoleSpanExporter());
  // A given exporter (tests, custom sinks) gets spans one by one as they end, without batching.
  return new SimpleSpanProcessor(exporter);
}

function handle(flush: () => Promise<void>, stop: () => Promise<void>): Telemetry {
  let stopped = false;
  return {
    flush: async () => (stopped ? undefined : flush()),
    async shutdown() {
      if (stopped) return;
      stopped = true;
      try {
        await stop();
      } finally {
        running = false;
      }
    },
  };
}
