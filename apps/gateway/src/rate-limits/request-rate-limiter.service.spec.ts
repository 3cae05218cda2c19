import { type AppLogger } from '@agentbus/observability';
import { Registry } from 'prom-client';
import { type Principal } from '../auth/principal';
import { GatewayConfig } from '../config';
import { type HttpResponse } from '../http/express.types';
import { RequestRateExceededError } from './rate-limit.errors';
import { RequestRateLimiter } from './request-rate-limiter.service';
import { type RatePolicy, type RequestRateRepository } from './request-rate.repository';

const S = 1_000_000;
const config = GatewayConfig.load({
  NATS_URL: 'nats://127.0.0.1:4222',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  GATEWAY_RATE_LIMIT_PER_MINUTE: '60',
  GATEWAY_RATE_LIMIT_BURST: '5',
});
const aPrincipal = (rate?: Principal['rate']): Principal => ({
  keyId: '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f',
  name: 'ci-bot',
  role: 'viewer',
  workspaces: ['default'],
  ...(rate === undefined ? {} : { rate }),
});

describe(RequestRateLimiter.name, () => {
  let policies: RatePolicy[];
  let answer: (policy: RatePolicy) => Promise<unknown>;
  let headers: Record<string, string>;
  let warn: jest.Mock;
  let registry: Registry;
  let sut: RequestRateLimiter;
  const response = { set: (more: Record<string, string>) => Object.assign(headers, more) };
  const take = (principal: Principal) => sut.take(principal, response as unknown as HttpResponse);

  beforeEach(() => {
    policies = [];
    headers = {};
    warn = jest.fn();
    registry = new Registry();
    answer = async (policy) => ({
      allowed: true,
      tatUs: 10 * S + policy.burst,
      nowUs: 10 * S,
      intervalUs: S,
      burst: policy.burst,
    });
    const rates = {
      step: (_id: string, policy: RatePolicy) => {
        policies.push(policy);
        return answer(policy);
      },
    } as unknown as RequestRateRepository;
    const logger = { pino: { warn } } as unknown as AppLogger;
    sut = new RequestRateLimiter(rates, config, registry, logger);
  });

  it('takes a request at the default rate and sets the RateLimit headers', async () => {
    await take(aPrincipal());
    expect(policies).toEqual([{ perMinute: 60, burst: 5 }]);
    expect(headers).toEqual({
      'RateLimit-Limit': '5',
      'RateLimit-Remaining': '4',
      'RateLimit-Reset': '1',
    });
  });

  it("uses the key's own rate and burst where it has them", async () => {
    await take(aPrincipal({ perMinute: 1_200, burst: null }));
    await take(aPrincipal({ perMinute: null, burst: 50 }));
    expect(policies).toEqual([
      { perMinute: 1_200, burst: 5 },
      { perMinute: 60, burst: 50 },
    ]);
  });

  it('costs nothing for a key without a rate: no statement, no headers', async () => {
    await take(aPrincipal({ perMinute: 0, burst: null }));
    expect(policies).toEqual([]);
    expect(headers).toEqual({});
  });

  it('refuses with 429, Retry-After and the headers when over the rate', async () => {
    answer = async () => ({
      allowed: false,
      tatUs: 15 * S,
      nowUs: 10 * S,
      intervalUs: S,
      burst: 5,
    });
    const refusal = await take(aPrincipal()).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RequestRateExceededError);
    expect(refusal).toMatchObject({
      status: 429,
      slug: 'rate-limited',
      headers: { 'Retry-After': '1', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '5' },
    });
    expect(
      await registry.getSingleMetricAsString('agent_bus_gateway_requests_rate_limited_total'),
    ).toMatch(/ 1$/);
  });

  it('lets the request through unmetered when the check fails, and says so', async () => {
    answer = () => Promise.reject(new Error('Connection terminated unexpectedly'));
    await expect(take(aPrincipal())).resolves.toBeUndefined();
    expect(headers).toEqual({});
    expect(warn).toHaveBeenCalledTimes(1);
    expect(
      await registry.getSingleMetricAsString('agent_bus_gateway_requests_unmetered_total'),
    ).toMatch(/ 1$/);
  });
});
