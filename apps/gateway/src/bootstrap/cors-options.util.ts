import { type CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';

/**
 * CORS for the configured origins only; `undefined` (CORS off) when none are configured. No
 * credentials: API keys travel in headers, never in cookies, so a browser never sends them for us.
 */
export function corsOptions(origins: readonly string[]): CorsOptions | undefined {
  if (origins.length === 0) return undefined;
  return {
    origin: [...origins],
    methods: ['GET', 'POST', 'PATCH'],
    allowedHeaders: [
      'Authorization',
      'X-API-Key',
      'Content-Type',
      'Idempotency-Key',
      'Last-Event-ID',
      'Accept',
    ],
    exposedHeaders: [
      'Location',
      'Idempotent-Replayed',
      'Retry-After',
      'Artifact-Acceptance',
      // A browser client can pace itself by these (per key, see the rate limits).
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
    ],
    credentials: false,
    maxAge: 600,
  };
}
