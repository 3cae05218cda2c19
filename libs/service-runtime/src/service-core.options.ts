import { type AppName } from '@agentbus/contracts';
import {
  type EntityClass,
  type MigrationClass,
  type RelaySource,
  type SentRows,
} from '@agentbus/persistence';
import { type ServiceConfig } from './service-env';

/** What a service is made of, besides its feature modules. */
export interface ServiceCoreOptions {
  readonly app: AppName;
  readonly config: ServiceConfig;
  /** The service's own Postgres schema (DATABASE_SCHEMA overrides it, e.g. in tests). */
  readonly schema: string;
  readonly entities?: readonly EntityClass[];
  readonly migrations?: readonly MigrationClass[];
  /** Chroma base URL, for services that keep vectors; adds a readiness check. */
  readonly chromaUrl?: string | undefined;
  /**
   * What becomes of published outbox rows unless OUTBOX_SENT_ROWS says otherwise; default `keep`.
   * Hot-path services delete them (one cheap DELETE instead of a whole-row UPDATE, then retention).
   */
  readonly sentOutboxRows?: SentRows;
  /** Tables of the service besides its outbox whose rows hold messages; each gets a relay. */
  readonly relaySources?: readonly RelaySource[];
}

/** Injection token of the {@link ServiceCoreOptions}. */
export const SERVICE_CORE_OPTIONS = Symbol('SERVICE_CORE_OPTIONS');
