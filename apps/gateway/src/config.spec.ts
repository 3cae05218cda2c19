import { ConfigError } from '@agentbus/config';
import { GatewayConfig } from './config';

describe('GatewayConfig', () => {
  it('starts with no admin key, CORS off, 1 MiB bodies and the default read schemas', () => {
    expect(GatewayConfig.load({})).toMatchObject({
      ORCHESTRATOR_SCHEMA: 'orchestrator',
      WORKER_SCHEMA: 'cpu_worker',
      CORS_ORIGINS: [],
      HTTP_BODY_LIMIT_BYTES: 1_048_576,
      SSE_POLL_INTERVAL_MS: 200,
      SSE_KEEPALIVE_MS: 15_000,
    });
    expect(GatewayConfig.load({}).GATEWAY_ADMIN_API_KEY).toBeUndefined();
  });

  it('reads a CORS allowlist of origins', () => {
    const sut = GatewayConfig.load({
      CORS_ORIGINS: 'https://a.example.com, http://localhost:5173',
    });
    expect(sut.CORS_ORIGINS).toEqual(['https://a.example.com', 'http://localhost:5173']);
  });

  it('names every bad key and never echoes the admin key', () => {
    const attempt = () =>
      GatewayConfig.load({
        GATEWAY_ADMIN_API_KEY: 'short-secret',
        CORS_ORIGINS: 'https://a.example.com/path',
        ORCHESTRATOR_SCHEMA: 'Orchestrator; DROP',
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /GATEWAY_ADMIN_API_KEY[\s\S]*CORS_ORIGINS|CORS_ORIGINS[\s\S]*GATEWAY_ADMIN_API_KEY/,
    );
    expect(attempt).toThrow(/ORCHESTRATOR_SCHEMA/);
    expect(attempt).not.toThrow(/short-secret/);
  });
});
