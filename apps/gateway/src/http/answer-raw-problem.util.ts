import { STATUS_CODES } from 'node:http';
import { type Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem/problem';

// How long a refused connection keeps reading (and discarding) what the client still sends.
const LINGER_MS = 2_000;

/**
 * Answers on a bare socket, where Node has no response object (a request it could not parse, a
 * CONNECT), with a problem+json and `Connection: close`. Closing at once risks resetting a
 * connection whose client is still sending (an oversized header usually is) before it reads the
 * answer, so it closes in stages as RFC 9112 §9.6 advises: half-close, discard input for 2 s,
 * then close; `linger: false` closes at once.
 */
export function answerRawProblem(
  socket: Duplex,
  [status, slug, detail]: readonly [number, string, string],
  { linger = true }: { linger?: boolean } = {},
): void {
  const title = STATUS_CODES[status] ?? 'Error';
  const body = JSON.stringify({ type: problemType(slug), title, status, detail });
  const response = [
    `HTTP/1.1 ${status} ${title}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
  if (!linger) {
    socket.write(response);
    socket.destroy();
    return;
  }
  socket.end(response);
  socket.resume();
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}
