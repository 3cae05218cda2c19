import { type AppName } from '@agentbus/contracts';
import { type EntityClass, type MigrationClass } from '@agentbus/persistence';
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
}

/** Injection token of the {@link ServiceCoreOptions}. */
export const SERVICE_CORE_OPTIONS = Symbol('SERVICE_CORE_OPTIONS');
