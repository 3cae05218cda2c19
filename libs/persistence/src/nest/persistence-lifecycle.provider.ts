import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Logger } from '@nestjs/common';
import {
  DirectPublisher,
  disableDirectPublish,
  enableDirectPublish,
} from '../outbox/direct-publisher';
import { OutboxRelay } from '../relay/outbox.relay';
import { PERSISTENCE_OPTIONS, type PersistenceModuleOptions } from './persistence-module-options';

/**
 * Ties the relay and the DataSource to the app: the relay starts once every module is up
 * (so the bus it publishes to is connected) and stops first on shutdown; the DataSource closes
 * last, after handlers have drained.
 */
@Injectable()
export class PersistenceLifecycle
  implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown
{
  private relays: OutboxRelay[] = [];

  constructor(
    @Inject(PERSISTENCE_OPTIONS) private readonly options: PersistenceModuleOptions,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.relay === undefined) return;
    const { schema } = this.options;
    const logger = this.options.relay.logger ?? new Logger(OutboxRelay.name);
    // Committed rows are published by the process that wrote them; the relay takes what is left.
    enableDirectPublish(
      this.dataSource,
      new DirectPublisher(
        this.dataSource,
        schema,
        this.options.relay.publish,
        logger,
        this.options.relay.sentRows,
      ),
    );
    const { sources = [], ...relay } = this.options.relay;
    this.relays = [undefined, ...sources].map(
      (source) =>
        new OutboxRelay({
          minAgeMs: 2_000,
          ...relay,
          ...(source === undefined ? {} : { source }),
          dataSource: this.dataSource,
          schema,
        }),
    );
    await Promise.all(this.relays.map((each) => each.start()));
  }

  async onModuleDestroy(): Promise<void> {
    await disableDirectPublish(this.dataSource)?.drain();
    await Promise.all(this.relays.map((each) => each.stop()));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
