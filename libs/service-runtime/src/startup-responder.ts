import { createServer, type ServerResponse } from 'node:http';

/** What the service is doing before Nest listens: per dependency, why it is not up (or `ok`). */
export type StartupState = Map<string, string | undefined>;

/** The responder started by {@link startStartupResponder}. */
export interface StartupResponder {
  /** Frees the port, so the Nest app can listen on it. */
  close(): Promise<void>;
}

/**
 * Answers on the service's port while it waits for its dependencies and boots: `/healthz` 200 (the
 * process is alive, so it is not restarted), `/readyz` 503 naming what it waits for, the same
 * problem+json shape as the app's own `/readyz`; anything else 503. Plain `node:http`, because Nest
 * cannot listen before its providers (the connections) exist.
 */
export async function startStartupResponder(
  host: string,
  port: number,
  state: StartupState,
): Promise<StartupResponder> {
  const server = createServer((req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      reply(res, 200, 'application/json; charset=utf-8', { status: 'ok' });
      return;
    }
    const waiting = [...state].filter(([, problem]) => problem !== undefined);
    const checks = Object.fromEntries(
      [...state].map(([name, problem]) => [
        name,
        problem === undefined ? { status: 'ok' } : { status: 'failed', error: problem },
      ]),
    );
    reply(res, 503, 'application/problem+json', {
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail:
        waiting.length > 0
          ? `Waiting for: ${waiting.map(([name]) => name).join(', ')}`
          : 'Starting',
      waitingFor: waiting.map(([name]) => name),
      checks,
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function reply(res: ServerResponse, status: number, contentType: string, body: object): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.end(JSON.stringify(body));
}
