import { AppLogger } from '@agentbus/observability';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { type Principal } from '../auth/principal';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { type HttpResponse } from '../http/express.types';
import { type KeyLimits, limitDefaultsOf } from './key-limits';
import { rateLimitHeadersOf, rateLimitStatusOf } from './rate-limit-status.util';
import { RequestRateExceededError } from './rate-limit.errors';
import { RequestRateRepository } from './request-rate.repository';

/**
 * The per-principal request rate of the `/v1` API (health, metrics and docs are not behind the
 * guard that calls it): one statement per request against the shared table, the `RateLimit-*`
 * headers on every answer, and 429 with `Retry-After` past the limit. A key's own rate comes with
 * its principal (looked up with the key, trusted for a second like the key itself). When the
 * statement fails the request goes ahead unmetered: pacing must not be why a request fails (its own
 * queries will say if Postgres is really gone).
 */
@Injectable()
export class RequestRateLimiter {
  private readonly defaults: KeyLimits;
  private readonly refused: Counter;
  private readonly unmetered: Counter;

  constructor(
    private readonly rates: RequestRateRepository,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    registry: Registry,
    private readonly logger: AppLogger,
  ) {
    this.defaults = limitDefaultsOf(config);
    this.refused = new Counter({
      name: 'agent_bus_gateway_requests_rate_limited_total',
      help: 'API requests refused with 429 because their key or SSO user was over its rate',
      registers: [registry],
    });
    this.unmetered = new Counter({
      name: 'agent_bus_gateway_requests_unmetered_total',
      help: 'API requests let through without a rate check because the check failed (Postgres)',
      registers: [registry],
    });
  }

  /**
   * Counts the request; throws {@link RequestRateExceededError} when over the rate. A principal
   * without a rate (0) costs nothing: no statement, no headers.
   */
  async take(principal: Principal, response: HttpResponse): Promise<void> {
    const perMinute = principal.rate?.perMinute ?? this.defaults.requestsPerMinute;
    if (perMinute === 0) return;
    const burst = principal.rate?.burst ?? this.defaults.burst;
    const step = await this.rates.step(principal.keyId, { perMinute, burst }).catch(this.unmeter);
    if (step === undefined) return;
    const status = rateLimitStatusOf(step);
    const headers = rateLimitHeadersOf(status);
    if (status.retryAfterS === undefined) {
      response.set(headers);
      return;
    }
    this.refused.inc();
    throw new RequestRateExceededError(principal, status.retryAfterS, headers);
  }

  private readonly unmeter = (error: unknown): undefined => {
    this.unmetered.inc();
    this.logger.pino.warn({ err: error }, 'rate limit check failed: request let through');
    return undefined;
  };
}
