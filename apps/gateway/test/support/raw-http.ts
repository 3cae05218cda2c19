import { connect } from 'node:net';

/** A request as bytes on the wire, so tests can send what no HTTP client would. */
export interface RawRequest {
  readonly method?: string;
  /** The request target; `/` when left out. */
  readonly target?: string;
  readonly version?: string;
  /** Sent in order, as given; `Host` and `Connection: close` are added unless present. */
  readonly headers?: readonly (readonly [string, string])[];
  /** Sent with a matching `Content-Length` unless `headers` sets one or `Transfer-Encoding`. */
  readonly body?: Uint8Array;
  /** Bytes sent as the whole request instead of the fields above. */
  readonly bytes?: Uint8Array;
}

/** The first response on the connection. `complete`: its whole body (per Content-Length) came. */
export interface RawAnswer {
  readonly kind: 'answered';
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly complete: boolean;
}

/** What a raw request got: a response, or a connection closed or reset before any, or silence. */
export type RawOutcome =
  RawAnswer | { readonly kind: 'closed' | 'reset' | 'timeout'; readonly received: string };

const HEAD_END = Buffer.from('\r\n\r\n');

/** The request's bytes (see {@link RawRequest}). */
export function rawRequestBytes(request: RawRequest): Buffer {
  if (request.bytes !== undefined) return Buffer.from(request.bytes);
  const { method = 'GET', target = '/', version = 'HTTP/1.1', body } = request;
  const headers = [...(request.headers ?? [])];
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
  if (!has('host')) headers.unshift(['Host', '127.0.0.1']);
  if (!has('connection')) headers.push(['Connection', 'close']);
  if (body !== undefined && !has('content-length') && !has('transfer-encoding')) {
    headers.push(['Content-Length', String(body.length)]);
  }
  const head = [
    `${method} ${target} ${version}`,
    ...headers.map(([n, v]) => `${n}: ${v}`),
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), body ?? Buffer.alloc(0)]);
}

/**
 * Sends `request` on a new connection to `baseUrl` and reads the first response: resolved once
 * its head and (per Content-Length) body arrived, or just its head for a stream (SSE, chunked) or
 * a HEAD request. Anything else within `timeoutMs` is a `closed`, `reset` or `timeout` outcome.
 */
export function sendRaw(
  baseUrl: string,
  request: RawRequest,
  timeoutMs = 5_000,
): Promise<RawOutcome> {
  const { hostname, port } = new URL(baseUrl);
  const headOnly = (request.method ?? 'GET').toUpperCase() === 'HEAD';
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let received = Buffer.alloc(0);
    let settled = false;
    const settle = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => settle({ kind: 'timeout', received: preview(received) }),
      timeoutMs,
    );
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = parseAnswer(received, headOnly, false);
      if (answer?.complete) settle(answer);
    });
    const onEnd = (kind: 'closed' | 'reset') => () =>
      settle(parseAnswer(received, headOnly, true) ?? { kind, received: preview(received) });
    socket.on('end', onEnd('closed'));
    socket.on('close', onEnd('closed'));
    socket.on('error', onEnd('reset'));
    // Write errors (the server closed while we still sent) surface as 'error' above.
    socket.write(rawRequestBytes(request));
  });
}

function parseAnswer(all: Buffer, headOnly: boolean, ended: boolean): RawAnswer | undefined {
  const received = withoutInterimResponses(all);
  const headEnd = received.indexOf(HEAD_END);
  if (headEnd === -1) return undefined;
  const [statusLine = '', ...lines] = received
    .subarray(0, headEnd)
    .toString('latin1')
    .split('\r\n');
  const status = statusOf(statusLine);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = received.subarray(headEnd + HEAD_END.length);
  const length = headers['content-length'];
  const bodyless = headOnly || status === 204 || status === 304 || length === undefined;
  const expected = bodyless ? 0 : Number(length);
  const complete = body.length >= expected;
  if (!complete && !ended) return undefined;
  return {
    kind: 'answered',
    status,
    headers,
    body: body.subarray(0, expected).toString('utf8'),
    complete,
  };
}

const statusOf = (statusLine: string): number =>
  Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? Number.NaN);

// A `100 Continue` (Expect: 100-continue) comes before the answer; it is not the answer.
function withoutInterimResponses(received: Buffer): Buffer {
  let rest = received;
  for (let headEnd = rest.indexOf(HEAD_END); headEnd !== -1; headEnd = rest.indexOf(HEAD_END)) {
    const status = statusOf(rest.subarray(0, headEnd).toString('latin1'));
    if (!(status >= 100 && status < 200)) break;
    rest = rest.subarray(headEnd + HEAD_END.length);
  }
  return rest;
}

const preview = (bytes: Buffer) => bytes.subarray(0, 200).toString('latin1');
