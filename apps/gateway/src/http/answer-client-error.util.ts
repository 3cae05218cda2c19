import { maxHeaderSize, type ServerResponse } from 'node:http';
import { type Duplex } from 'node:stream';
import { answerRawProblem } from './answer-raw-problem.util';

// Sockets already answered: the HTTP parser stays in its error state and reports again for every
// later chunk of the same connection.
const answered = new WeakSet<Duplex>();

/**
 * `clientError` listener of the gateway's HTTP server: a request Node cannot parse (bad request
 * line, header syntax, headers over `maxHeaderSize`, a request timeout) is answered with a
 * problem+json instead of Node's bare status line, when the socket still allows an answer (see
 * {@link answerRawProblem}). A socket error (reset, broken pipe) has no one left to answer.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (answered.has(socket)) return;
  answered.add(socket);
  const { code } = error;
  const inFlight = (socket as { _httpMessage?: ServerResponse | null })._httpMessage;
  if (!isRequestError(code) || !socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  // When a handler owns this connection's response, answer as Node does: then close at once.
  const linger = inFlight === null || inFlight === undefined;
  answerRawProblem(socket, problemFor(code), { linger });
}

// The parser's errors (HPE_*) and Node's request timeout, as opposed to the socket's own errors.
const isRequestError = (code: string | undefined): code is string =>
  code !== undefined && (code.startsWith('HPE_') || code === 'ERR_HTTP_REQUEST_TIMEOUT');

function problemFor(code: string): [number, string, string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [
        431,
        'headers-too-large',
        `The request line and headers are larger than the limit of ${maxHeaderSize} bytes.`,
      ];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return [413, 'chunk-extensions-too-large', 'The chunk extensions are too large.'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'request-timeout', 'The request was not received in time.'];
    default:
      // The parser's code (e.g. HPE_INVALID_HEADER_TOKEN) names the rule, and nothing internal.
      return [400, 'malformed-request', `The request is not valid HTTP/1.1 (${code}).`];
  }
}
