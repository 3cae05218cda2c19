import { Global, Module } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { ProjectLookupRepository } from './project-lookup.repository';
import { ReadModelTables } from './read-model.tables';

/** Read-only access to the orchestrator's and the CPU worker's tables. */
@Global()
@Module({
  providers: [
    {
      provide: ReadModelTables,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) =>
        new ReadModelTables(config.ORCHESTRATOR_SCHEMA, config.WORKER_SCHEMA),
    },
    ProjectLookupRepository,
  ],
  exports: [ReadModelTables, ProjectLookupRepository],
})
export class ReadModelModule {}
