import { BusModule, BusPublisher } from '@agentbus/messaging-nest';
import { MessagingMetrics, ObservabilityModule, PINO_LOGGER } from '@agentbus/observability';
import { PersistenceModule } from '@agentbus/persistence';
import { type DynamicModule, Module } from '@nestjs/common';
import { type Logger } from 'pino';
import { InboxOutboxRetention } from './inbox-outbox.retention';
import { ReadinessWiring } from './readiness.wiring';
import { SERVICE_CORE_OPTIONS, type ServiceCoreOptions } from './service-core.options';

/**
 * Logs, metrics, health, the bus and Postgres (with inbox/outbox and its relay) for one service,
 * with a readiness check per link. Every app imports this and then only its feature modules.
 */
@Module({})
export class ServiceCoreModule {
  static forRoot(options: ServiceCoreOptions): DynamicModule {
    const { app, config } = options;
    return {
      module: ServiceCoreModule,
      imports: [
        ObservabilityModule.forRoot({ service: app, logLevel: config.LOG_LEVEL }),
        BusModule.forRootAsync({
          inject: [MessagingMetrics, PINO_LOGGER],
          useFactory: (metrics: MessagingMetrics, logger: Logger) => ({
            app,
            servers: config.NATS_URL,
            namespace: config.BUS_NAMESPACE,
            provision: config.BUS_PROVISION,
            streamReplicas: config.BUS_STREAM_REPLICAS,
            shutdownTimeoutMs: Math.max(1_000, config.SHUTDOWN_TIMEOUT_MS - 2_000),
            metrics,
            logger: logger.child({ context: 'Bus' }),
          }),
        }),
        PersistenceModule.forRootAsync({
          inject: [BusPublisher],
          useFactory: (publisher: BusPublisher) => ({
            url: config.DATABASE_URL,
            schema: config.DATABASE_SCHEMA ?? options.schema,
            entities: options.entities ?? [],
            migrations: options.migrations ?? [],
            migrationsRun: config.MIGRATIONS_RUN,
            applicationName: app,
            relay: {
              publish: async (message) => {
                await publisher.publishEnvelope(message.envelope, message.headers);
              },
              sentRows: config.OUTBOX_SENT_ROWS ?? options.sentOutboxRows ?? 'keep',
              sources: options.relaySources ?? [],
            },
          }),
        }),
      ],
      providers: [
        { provide: SERVICE_CORE_OPTIONS, useValue: options },
        ReadinessWiring,
        InboxOutboxRetention,
      ],
    };
  }
}
