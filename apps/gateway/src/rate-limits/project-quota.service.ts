import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { type EntityManager } from 'typeorm';
import { type Principal } from '../auth/principal';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { ProjectsInFlightRepository } from './projects-in-flight.repository';
import { ProjectsInFlightExceededError } from './rate-limit.errors';

/** The per-principal limit of unfinished projects, checked inside the submission's transaction. */
@Injectable()
export class ProjectQuota {
  private readonly refused: Counter;

  constructor(
    private readonly inFlight: ProjectsInFlightRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    registry: Registry,
  ) {
    this.refused = new Counter({
      name: 'agent_bus_gateway_submissions_over_quota_total',
      help: 'Project submissions refused with 429 because their key or SSO user had too many in flight',
      registers: [registry],
    });
  }

  /**
   * Throws {@link ProjectsInFlightExceededError} when the principal may not start another project;
   * else returns with the principal's submissions locked until `tx` commits, so the submission
   * `tx` inserts is counted by the next one.
   */
  async reserve(tx: EntityManager, principal: Principal): Promise<void> {
    const { count, limit } = await this.inFlight.lockAndCount(
      tx,
      principal.keyId,
      this.config.GATEWAY_PROJECTS_IN_FLIGHT_PER_KEY,
    );
    if (limit === 0 || count < limit) return;
    this.refused.inc();
    throw new ProjectsInFlightExceededError(principal, count, limit);
  }
}
