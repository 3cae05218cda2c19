import { Module } from '@nestjs/common';
import { EstimatesController } from './estimates.controller';
import { SpendHistoryRepository } from './spend-history.repository';

/** Cost forecasts before submit (`POST /v1/projects/estimate`), from past projects' spend. */
@Module({
  controllers: [EstimatesController],
  providers: [SpendHistoryRepository],
})
export class EstimatesModule {}
