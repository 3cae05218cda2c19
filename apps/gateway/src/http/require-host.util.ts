import { type IncomingMessage } from 'node:http';
import { HttpProblemError } from './problem/problem.errors';

/**
 * Express middleware: an HTTP/1.1 request without `Host` is refused with a 400 problem (RFC 9112
 * §3.2 says MUST). It replaces Node's own check (`requireHostHeader`, turned off on the gateway's
 * server), which answers with a bare 400 and no body.
 */
export function requireHost(request: IncomingMessage, _response: unknown, next: () => void): void {
  if (request.httpVersion === '1.1' && request.headers.host === undefined) {
    throw new HttpProblemError(400, 'missing-host', 'An HTTP/1.1 request must have a Host header.');
  }
  next();
}
