import { BusHealth } from '@agentbus/messaging-nest';
import { HealthRegistry } from '@agentbus/observability';
import { PersistenceHealth } from '@agentbus/persistence';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnModuleInit,
} from '@nestjs/common';
import { checkChroma } from './chroma-health';
import { SERVICE_CORE_OPTIONS, type ServiceCoreOptions } from './service-core.options';

/** Registers one readiness check per link, and fails readiness as soon as shutdown begins. */
@Injectable()
export class ReadinessWiring implements OnModuleInit, BeforeApplicationShutdown {
  constructor(
    @Inject(SERVICE_CORE_OPTIONS) private readonly options: ServiceCoreOptions,
    private readonly health: HealthRegistry,
    private readonly bus: BusHealth,
    private readonly database: PersistenceHealth,
  ) {}

  onModuleInit(): void {
    this.health.register('nats', () => this.bus.check());
    this.health.register('postgres', () => this.database.check());
    const chroma = this.options.chromaUrl;
    if (chroma !== undefined) this.health.register('chroma', () => checkChroma(chroma));
  }

  beforeApplicationShutdown(): void {
    this.health.markShuttingDown();
  }
}
