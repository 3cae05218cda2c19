import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type Duplex } from 'node:stream';
import { answerClientError } from './answer-client-error.util';
import { answerRawProblem } from './answer-raw-problem.util';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem/problem';

/**
 * Makes the gateway's HTTP server answer with a problem+json where Node would answer with a bare
 * status line or just close: a request it cannot parse ({@link answerClientError}), an HTTP/1.1
 * request without Host (Node's check is turned off; `requireHost` answers instead), an `Expect`
 * other than 100-continue (417) and a CONNECT (405). Nest never sees these requests.
 */
export function answerInProblems(server: Server): void {
  server.on('clientError', answerClientError);
  server.on('checkExpectation', answerUnmetExpectation);
  server.on('connect', answerConnect);
  // The server option, read by Node per request (Nest creates the server without options).
  (server as Server & { requireHostHeader: boolean }).requireHostHeader = false;
}

function answerUnmetExpectation(request: IncomingMessage, response: ServerResponse): void {
  const body = JSON.stringify({
    type: problemType('expectation-failed'),
    title: 'Expectation Failed',
    status: 417,
    detail: 'The only Expect this server meets is 100-continue.',
    instance: request.url ?? '',
  });
  response.writeHead(417, {
    'Content-Type': PROBLEM_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
    Connection: 'close',
  });
  response.end(body);
}

// Without a listener Node closes a CONNECT's connection without a word.
function answerConnect(_request: IncomingMessage, socket: Duplex): void {
  answerRawProblem(socket, [405, 'method-not-allowed', 'This API does not tunnel (CONNECT).']);
}
