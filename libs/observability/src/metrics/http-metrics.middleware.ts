import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpMetrics, UNMATCHED_ROUTE } from './http-metrics';

// Express sets `route` on the request once a route matches, and `baseUrl` under a mounted router.
type ExpressRequest = IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };

// nginx's "client closed request": the client went away before the response was finished.
const CLIENT_CLOSED_REQUEST = 499;

/**
 * Times every HTTP request into {@link HttpMetrics}. A middleware rather than an interceptor: it
 * also sees requests that guards reject, 404s and errors thrown before the handler, and it reads
 * the status code actually sent. The route pattern is known once the response is done.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: HttpMetrics) {}

  use(req: ExpressRequest, res: ServerResponse, next: () => void): void {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = res.writableFinished ? res.statusCode : CLIENT_CLOSED_REQUEST;
      this.metrics.observe(req.method ?? 'UNKNOWN', routeOf(req), status, seconds);
    });
    next();
  }
}

function routeOf(req: ExpressRequest): string {
  const path = req.route?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : UNMATCHED_ROUTE;
}
