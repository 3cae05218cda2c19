import { type CreateDataSourceOptions } from '../data-source/create-data-source';
import { type OutboxRelayOptions } from '../relay/outbox.relay';
import { type RelaySource } from '../relay/relay-source';

/** Options for {@link PersistenceModule}. */
export interface PersistenceModuleOptions extends CreateDataSourceOptions {
  /** Apply pending migrations while the module starts (replicas take turns on a lock). */
  readonly migrationsRun: boolean;
  /** How long start-up retries a Postgres that is down or restarting; default 60 s. */
  readonly connectRetryMs?: number;
  /**
   * Run an outbox relay in this process, started and stopped with the app; `sources` adds one
   * relay per other table whose rows hold messages ({@link RelaySource}), sharing its settings.
   */
  readonly relay?: Omit<OutboxRelayOptions, 'dataSource' | 'schema' | 'source'> & {
    readonly sources?: readonly RelaySource[];
  };
}

/** Injection token of the {@link PersistenceModuleOptions}. */
export const PERSISTENCE_OPTIONS = Symbol('PERSISTENCE_OPTIONS');
