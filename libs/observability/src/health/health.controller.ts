import { Controller, Get, Header, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { HealthRegistry } from './health-registry';

/** `GET /healthz` (the process is alive) and `GET /readyz` (its dependencies are usable). */
@Controller()
export class HealthController {
  constructor(private readonly health: HealthRegistry) {}

  @Get('healthz')
  @Header('Cache-Control', 'no-store')
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 with every check's result, or 503 as RFC 9457 problem details naming what failed. */
  @Get('readyz')
  async readiness(@Res() res: ServerResponse): Promise<void> {
    const { ready, checks } = await this.health.readiness();
    res.setHeader('Cache-Control', 'no-store');
    if (ready) {
      reply(res, 200, 'application/json; charset=utf-8', { status: 'ok', checks });
      return;
    }
    const failed = Object.keys(checks).filter((name) => checks[name]?.status === 'failed');
    reply(res, 503, 'application/problem+json', {
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: `Readiness checks failed: ${failed.join(', ')}`,
      checks,
    });
  }
}

// Written by hand: Nest's reply would replace a non-JSON content type on an error status.
function reply(res: ServerResponse, status: number, contentType: string, body: object): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.end(JSON.stringify(body));
}
