import {
  listenerClientConfig,
  NotifyListener,
  projectsOfEventsPayload,
} from '@agentbus/persistence';
import { eventsChannel } from '@agentbus/persistence';
import { AppLogger } from '@agentbus/observability';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';

/** Who hears about appended events: the projects named, or `'all'`; and whether push is up. */
export interface EventWakeSink {
  readonly wake: (projects: readonly string[] | 'all') => void;
  readonly listening: (up: boolean) => void;
}

/**
 * The gateway's one LISTEN connection on the orchestrator's events channel (its trigger names the
 * projects each commit appended to). Hands wake-ups to the SSE feed; says when the connection is
 * lost, so the feed polls until it is back.
 */
@Injectable()
export class EventNotifications implements OnModuleInit, OnModuleDestroy {
  private sink: EventWakeSink | undefined;
  private readonly listener: NotifyListener;

  constructor(
    @Inject(DataSource) db: DataSource,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    logger: AppLogger,
  ) {
    this.listener = new NotifyListener(
      {
        client: listenerClientConfig(db, 'sse-listener'),
        channel: eventsChannel(config.ORCHESTRATOR_SCHEMA),
        logger,
        reconnectDelayMs: config.SSE_LISTEN_RECONNECT_MS,
      },
      {
        notified: (payload) => this.sink?.wake(projectsOfEventsPayload(payload)),
        listening: (up) => {
          this.sink?.listening(up);
          if (up) this.sink?.wake('all'); // what was appended while nobody listened
        },
      },
    );
  }

  get isListening(): boolean {
    return this.listener.isListening;
  }

  /** Sends every later wake-up to `sink` (the feed; there is one per process). */
  connect(sink: EventWakeSink): void {
    this.sink = sink;
  }

  onModuleInit(): Promise<void> {
    return this.listener.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.listener.stop();
  }
}
