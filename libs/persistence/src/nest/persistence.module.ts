import {
  type DynamicModule,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type OptionalFactoryDependency,
  type Provider,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openDataSource } from './open-data-source';
import { PersistenceHealth } from './persistence.health';
import { PersistenceLifecycle } from './persistence-lifecycle.provider';
import { PERSISTENCE_OPTIONS, type PersistenceModuleOptions } from './persistence-module-options';

/** Options built from other providers, e.g. the app's config and its bus publisher. */
export interface PersistenceModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: (InjectionToken | OptionalFactoryDependency)[];
  readonly useFactory: (
    ...args: never[]
  ) => PersistenceModuleOptions | Promise<PersistenceModuleOptions>;
}

/**
 * Global module that provides the service's TypeORM {@link DataSource} (migrated at start when
 * configured), {@link PersistenceHealth}, and an outbox relay bound to the app lifecycle.
 */
@Module({})
export class PersistenceModule {
  /** Static options. */
  static forRoot(options: PersistenceModuleOptions): DynamicModule {
    return PersistenceModule.build({ provide: PERSISTENCE_OPTIONS, useValue: options }, []);
  }

  /** Options from a factory, when `publish` or the URL come from other providers. */
  static forRootAsync(options: PersistenceModuleAsyncOptions): DynamicModule {
    return PersistenceModule.build(
      {
        provide: PERSISTENCE_OPTIONS,
        inject: options.inject ?? [],
        useFactory: options.useFactory as (...args: unknown[]) => PersistenceModuleOptions,
      },
      options.imports ?? [],
    );
  }

  private static build(
    optionsProvider: Provider,
    imports: NonNullable<ModuleMetadata['imports']>,
  ): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports,
      providers: [
        optionsProvider,
        { provide: DataSource, inject: [PERSISTENCE_OPTIONS], useFactory: openDataSource },
        PersistenceHealth,
        PersistenceLifecycle,
      ],
      exports: [DataSource, PersistenceHealth],
    };
  }
}
