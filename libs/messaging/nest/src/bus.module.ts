import { connectBus } from '@agentbus/messaging';
import {
  type DynamicModule,
  Global,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type Provider,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BusQueries } from './bus-queries.service';
import { BUS, BUS_MODULE_OPTIONS } from './bus.constants';
import { BusExplorer } from './bus.explorer';
import { BusHealth } from './bus.health';
import { type BusModuleOptions } from './bus.options';
import { BusPublisher } from './bus.publisher';
import { nestBusLogger } from './nest-bus-logger';

/** Options resolved from other providers (e.g. the app's config and metrics). */
export interface BusModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: InjectionToken[];
  useFactory: (...args: never[]) => BusModuleOptions | Promise<BusModuleOptions>;
}

const busProvider: Provider = {
  provide: BUS,
  inject: [BUS_MODULE_OPTIONS],
  useFactory: (options: BusModuleOptions) =>
    connectBus({
      servers: options.servers,
      name: options.app,
      namespace: options.namespace,
      logger: options.logger ?? nestBusLogger(),
      metrics: options.metrics,
    }),
};

const services = [BusPublisher, BusQueries, BusHealth, BusExplorer];
const exported = [BUS, BusPublisher, BusQueries, BusHealth];

/**
 * The bus for a Nest app (global): provides the connected `Bus`, {@link BusPublisher},
 * {@link BusQueries} and {@link BusHealth}, and runs every `@OnMessage` / `@OnQuery` method.
 */
@Global()
@Module({})
export class BusModule {
  static forRoot(options: BusModuleOptions): DynamicModule {
    return {
      module: BusModule,
      imports: [DiscoveryModule],
      providers: [{ provide: BUS_MODULE_OPTIONS, useValue: options }, busProvider, ...services],
      exports: exported,
    };
  }

  static forRootAsync(options: BusModuleAsyncOptions): DynamicModule {
    return {
      module: BusModule,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      providers: [
        {
          provide: BUS_MODULE_OPTIONS,
          inject: options.inject ?? [],
          useFactory: options.useFactory as (...args: unknown[]) => Promise<BusModuleOptions>,
        },
        busProvider,
        ...services,
      ],
      exports: exported,
    };
  }
}
