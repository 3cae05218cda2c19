import { Histogram, type Registry } from 'prom-client';

// OTel's recommended HTTP server buckets: 5 ms to 10 s.
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** Route label for requests no route matched: one series, however many paths scanners try. */
export const UNMATCHED_ROUTE = 'unmatched';

/** The `http_server_request_duration_seconds` histogram (labels method, route, status_code). */
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'http_server_request_duration_seconds',
      help: 'Duration of HTTP server requests, by route pattern.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: HTTP_BUCKETS,
      registers: [registry],
    });
  }

  /** Records one request; `route` is the pattern (`/projects/:id`), never the raw URL. */
  observe(method: string, route: string, statusCode: number, seconds: number): void {
    this.duration.observe({ method, route, status_code: String(statusCode) }, seconds);
  }
}
