import { Global, Module } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { ProjectLookupRepository } from './project-lookup.repository';
import { ReadModelCheck } from './read-model.check';
import { ReadModelTables } from './read-model.tables';

/** Read-only access to the views the orchestrator and the CPU worker publish (ADR 0005). */
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
    ReadModelCheck,
  ],
  exports: [ReadModelTables, ProjectLookupRepository],
})
export class ReadModelModule {}
