import { ServiceCoreModule } from '@agentbus/service-runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { type GatewayConfig } from './config';

/** gateway's own tables live in this schema (each service owns its schema). */
export const DATABASE = { schema: 'gateway', entities: [], migrations: [] } as const;

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot({ app: 'gateway', config, ...DATABASE })],
    };
  }
}
