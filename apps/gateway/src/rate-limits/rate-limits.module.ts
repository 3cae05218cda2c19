import { Global, Module } from '@nestjs/common';
import { ApiKeyLimitsController } from './api-key-limits.controller';
import { ApiKeyLimitsRepository } from './api-key-limits.repository';
import { ProjectQuota } from './project-quota.service';
import { ProjectsInFlightRepository } from './projects-in-flight.repository';
import { RequestRateLimiter } from './request-rate-limiter.service';
import { RequestRateRepository } from './request-rate.repository';

/**
 * Per-principal limits shared by every replica through Postgres: the request rate the API guard
 * takes from, the projects-in-flight quota a submission reserves, and the admin route that sets a
 * key's own limits.
 */
@Global()
@Module({
  controllers: [ApiKeyLimitsController],
  providers: [
    RequestRateRepository,
    RequestRateLimiter,
    ProjectsInFlightRepository,
    ProjectQuota,
    ApiKeyLimitsRepository,
  ],
  exports: [RequestRateLimiter, ProjectQuota],
})
export class RateLimitsModule {}
