import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
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
  private relay: OutboxRelay | undefined;

  constructor(
    @Inject(PERSISTENCE_OPTIONS) private readonly options: PersistenceModuleOptions,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.relay === undefined) return;
    this.relay = new OutboxRelay({
      ...this.options.relay,
      dataSource: this.dataSource,
      schema: this.options.schema,
    });
    await this.relay.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
