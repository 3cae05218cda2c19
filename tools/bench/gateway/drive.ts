import autocannon from 'autocannon';

/** One route's figures under load. */
export interface RouteFigures {
  readonly route: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

/** Drives `paths` (taken in turn) with GETs at `connections` for `seconds`. */
export async function drive(
  route: string,
  url: string,
  paths: readonly string[],
  options: { connections: number; seconds: number; apiKey: string },
): Promise<RouteFigures> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    headers: { authorization: `Bearer ${options.apiKey}` },
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] ?? '/' }),
      },
    ],
  });
  return {
    route,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
