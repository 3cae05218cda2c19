import {
  defineConsumer,
  MemorySearchV1,
  ProjectCancelRequestedV1,
  STREAMS,
} from '@agentbus/contracts';
import { context, propagation, type SpanContext, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import {
  answer,
  ask,
  type Bus,
  consume,
  type ConsumerHandle,
  provisionConsumers,
  provisionStreams,
  Publisher,
  type QueryResponder,
} from '../../src';
import {
  aCancelRequest,
  deleteNamespaceStreams,
  eventually,
  meta,
  natsUrl,
  openBus,
  testNamespace,
} from '../support';

const namespace = testNamespace();
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('test');

const spanNamed = (name: string): ReadableSpan => {
  const span = exporter.getFinishedSpans().find((candidate) => candidate.name === name);
  if (!span) throw new Error(`no finished span ${name}`);
  return span;
};

describe('trace propagation across connections (real NATS)', () => {
  let producer: Bus;
  let consumer: Bus;
  let handle: ConsumerHandle | undefined;
  let responder: QueryResponder | undefined;

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(provider);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    producer = await openBus(namespace, 'trace-producer');
    consumer = await openBus(namespace, 'trace-consumer');
    await provisionStreams(producer, [STREAMS.workflow, STREAMS.dlq]);
  });

  afterEach(() => exporter.reset());

  afterAll(async () => {
    await handle?.stop({ timeoutMs: 100 });
    await responder?.stop();
    await producer.close();
    await consumer.close();
    await deleteNamespaceStreams(natsUrl(), namespace);
    trace.disable();
    context.disable();
    propagation.disable();
    await provider.shutdown();
  });

  it('continues the publisher’s trace in the handler on another connection', async () => {
    const definition = defineConsumer('master-orchestrator', ProjectCancelRequestedV1);
    await provisionConsumers(producer, [definition]);
    let seenInHandler: SpanContext | undefined;
    handle = await consume(consumer, definition, async () => {
      seenInHandler = trace.getActiveSpan()?.spanContext();
    });
    const publisher = new Publisher(producer);

    const root = await tracer.startActiveSpan('submit project', async (span) => {
      await publisher.publish(ProjectCancelRequestedV1, aCancelRequest(), meta());
      span.end();
      return span.spanContext();
    });

    const processed = await eventually(() =>
      spanNamed(`process ${ProjectCancelRequestedV1.subject}`),
    );
    const published = spanNamed(`publish ${ProjectCancelRequestedV1.subject}`);
    expect(published.kind).toBe(SpanKind.PRODUCER);
    expect(published.parentSpanContext?.spanId).toBe(root.spanId);
    expect(processed.kind).toBe(SpanKind.CONSUMER);
    expect(processed.spanContext().traceId).toBe(root.traceId);
    expect(processed.parentSpanContext?.spanId).toBe(published.spanContext().spanId);
    expect(seenInHandler).toEqual(processed.spanContext());
  });

  it('carries the trace through ask and answer', async () => {
    let seenInResponder: SpanContext | undefined;
    responder = await answer(consumer, MemorySearchV1, async () => {
      seenInResponder = trace.getActiveSpan()?.spanContext();
      return { hits: [] };
    });

    const root = await tracer.startActiveSpan('search memory', async (span) => {
      await ask(producer, MemorySearchV1, { text: 'payments' }, meta());
      span.end();
      return span.spanContext();
    });

    const asked = spanNamed(`ask ${MemorySearchV1.subject}`);
    const answered = await eventually(() => spanNamed(`answer ${MemorySearchV1.subject}`));
    expect(asked.parentSpanContext?.spanId).toBe(root.spanId);
    expect(answered.spanContext().traceId).toBe(root.traceId);
    expect(answered.parentSpanContext?.spanId).toBe(asked.spanContext().spanId);
    expect(seenInResponder?.spanId).toBe(answered.spanContext().spanId);
  });
});
