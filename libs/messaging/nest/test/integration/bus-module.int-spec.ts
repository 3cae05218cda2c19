import {
  CONSUMERS,
  MemorySearchV1,
  newMessageId,
  ProjectCancelRequestedV1,
  STREAMS,
  wireStreamName,
} from '@agentbus/contracts';
import {
  type Bus,
  type DeliveryContext,
  type QueryRequestOf,
  silentLogger,
} from '@agentbus/messaging';
import { createLogger, startTelemetry } from '@agentbus/observability';
import { Inject, Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  BUS,
  BusHandlerError,
  BusHealth,
  BusModule,
  BusPublisher,
  BusQueries,
  OnMessage,
  OnQuery,
} from '../../src';
import { deleteNamespaceStreams, eventually, natsUrl, sleep, testNamespace } from '../support';

const namespace = testNamespace();
const definition = CONSUMERS.orchestrator.projectCancelRequested;
const busOptions = {
  app: 'master-orchestrator' as const,
  servers: natsUrl(),
  namespace,
  provision: true,
  logger: silentLogger,
};

@Injectable()
class CancelHandler {
  readonly handled: { projectId: string; deliveryCount: number }[] = [];
  delayMs = 0;

  @OnMessage(definition)
  async handle(message: ProjectCancelRequestedV1, context: DeliveryContext): Promise<void> {
    await sleep(this.delayMs);
    this.handled.push({ projectId: message.data.projectId, deliveryCount: context.deliveryCount });
  }
}

@Injectable()
class SearchResponder {
  @OnQuery(MemorySearchV1)
  async search(request: QueryRequestOf<typeof MemorySearchV1>) {
    return {
      hits: [{ id: 'h1', type: 'prd' as const, score: 1, text: request.data.text, metadata: {} }],
    };
  }
}

@Module({ imports: [BusModule.forRoot(busOptions)], providers: [CancelHandler, SearchResponder] })
class OrchestratorModule {}

@Injectable()
class ForeignHandler {
  @OnMessage(CONSUMERS.memory.projectCompleted)
  async handle(): Promise<void> {
    await sleep(0);
  }
}

@Module({ imports: [BusModule.forRoot(busOptions)], providers: [ForeignHandler] })
class MisconfiguredModule {}

// Writes one pino line per message, as a real handler's logger would, into `lines`.
@Injectable()
class LoggingHandler {
  readonly lines: Record<string, unknown>[] = [];
  private readonly logger = createLogger({
    service: 'orch',
    destination: { write: (line: string) => this.lines.push(JSON.parse(line)) },
  });

  @OnMessage(definition)
  async handle(message: ProjectCancelRequestedV1): Promise<void> {
    await sleep(1); // past an await, as real handlers log: the context must survive it
    this.logger.info({ reason: message.data.reason }, 'cancelling');
  }
}

@Module({ imports: [BusModule.forRoot(busOptions)], providers: [LoggingHandler] })
class LoggingModule {}

const BUS_CONFIG = Symbol('bus-config');
@Module({ providers: [{ provide: BUS_CONFIG, useValue: busOptions }], exports: [BUS_CONFIG] })
class ConfigModule {}

@Injectable()
class BusUser {
  constructor(@Inject(BUS) readonly bus: Bus) {}
}

@Module({
  imports: [
    BusModule.forRootAsync({
      imports: [ConfigModule],
      inject: [BUS_CONFIG],
      useFactory: (config: typeof busOptions) => ({ ...config, provision: false }),
    }),
  ],
  providers: [BusUser],
})
class AsyncModule {}

describe('BusModule (real NATS)', () => {
  let app: INestApplicationContext | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(() => deleteNamespaceStreams(natsUrl(), namespace));

  it('discovers @OnMessage and @OnQuery methods, delivers and answers, and drains on close', async () => {
    app = await NestFactory.createApplicationContext(OrchestratorModule, { logger: false });
    const handler = app.get(CancelHandler);
    const publisher = app.get(BusPublisher);
    const bus = app.get<Bus>(BUS);
    await expect(app.get(BusHealth).check()).resolves.toBeUndefined();

    const projectId = newMessageId();
    await publisher.publish(
      ProjectCancelRequestedV1,
      { projectId, requestedBy: 'test' },
      { correlationId: projectId },
    );
    await eventually(() => expect(handler.handled).toEqual([{ projectId, deliveryCount: 1 }]));
    const answer = await app
      .get(BusQueries)
      .ask(MemorySearchV1, { text: 'hello' }, { correlationId: projectId });
    expect(answer.hits[0]?.text).toBe('hello');

    handler.delayMs = 400; // in flight when the app closes: finished and acked, not lost
    const slowId = newMessageId();
    await publisher.publish(
      ProjectCancelRequestedV1,
      { projectId: slowId, requestedBy: 'test' },
      { correlationId: slowId },
    );
    await sleep(100);
    await app.close();
    app = undefined;

    expect(handler.handled.map((entry) => entry.projectId)).toEqual([projectId, slowId]);
    expect(bus.nc.isClosed()).toBe(true);
    const observer = await NestFactory.createApplicationContext(AsyncModule, { logger: false });
    try {
      const info = await observer
        .get(BusUser)
        .bus.jsm.consumers.info(
          wireStreamName(namespace, STREAMS.workflow.name),
          definition.durable,
        );
      expect(info.num_ack_pending).toBe(0);
      expect(info.num_pending).toBe(0);
    } finally {
      await observer.close();
    }
  });

  it('gives every line a handler logs the trace, span, project and delivery of its message', async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = startTelemetry({ serviceName: 'orch', exporter });
    try {
      app = await NestFactory.createApplicationContext(LoggingModule, { logger: false });
      const projectId = newMessageId();
      const sent = await trace
        .getTracer('spec')
        .startActiveSpan('gateway request', async (span) => {
          await app
            ?.get(BusPublisher)
            .publish(
              ProjectCancelRequestedV1,
              { projectId, requestedBy: 'test', reason: 'traced' },
              { correlationId: projectId },
            );
          span.end();
          return span.spanContext();
        });
      const handler = app.get(LoggingHandler);
      await eventually(() => expect(handler.lines).toHaveLength(1));
      const process = exporter
        .getFinishedSpans()
        .find((span) => span.name === `process ${definition.message.subject}`);
      expect(handler.lines[0]).toMatchObject({
        msg: 'cancelling',
        reason: 'traced',
        traceId: sent.traceId,
        spanId: process?.spanContext().spanId,
        correlationId: projectId,
        projectId,
        messageId: expect.any(String),
        subject: definition.message.subject,
        deliveryCount: 1,
      });
    } finally {
      await app?.close();
      app = undefined;
      await telemetry.shutdown();
    }
  });

  it('reports the bus as unavailable once the connection is gone', async () => {
    app = await NestFactory.createApplicationContext(AsyncModule, { logger: false });
    const health = app.get(BusHealth);
    await app.get(BusUser).bus.nc.close();

    await expect(health.check()).rejects.toMatchObject({ name: 'BusUnavailableError' });
  });

  it('refuses to start a handler for another app’s durable', async () => {
    await expect(
      NestFactory.createApplicationContext(MisconfiguredModule, {
        logger: false,
        abortOnError: false,
      }),
    ).rejects.toBeInstanceOf(BusHandlerError);
  });
});
