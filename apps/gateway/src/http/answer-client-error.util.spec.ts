import { maxHeaderSize } from 'node:http';
import { type Duplex } from 'node:stream';
import { answerClientError } from './answer-client-error.util';

const aSocket = (fields: { writable?: boolean; _httpMessage?: { headersSent: boolean } } = {}) => {
  const socket = {
    writable: true,
    write: jest.fn(),
    end: jest.fn(),
    resume: jest.fn(),
    destroy: jest.fn(),
    once: jest.fn(),
    ...fields,
  };
  return socket as typeof socket & Duplex;
};
const anError = (code: string) => Object.assign(new Error(code), { code });

// The raw response written, split into status line, headers and the parsed problem.
const answerOf = (raw: unknown) => {
  const [head = '', body = ''] = String(raw).split('\r\n\r\n');
  const [statusLine, ...headers] = head.split('\r\n');
  return { statusLine, headers, body, problem: JSON.parse(body) as Record<string, unknown> };
};

describe(answerClientError.name, () => {
  afterEach(() => jest.useRealTimers());

  it('answers headers over the limit with a 431 problem, then closes', () => {
    const socket = aSocket();
    answerClientError(anError('HPE_HEADER_OVERFLOW'), socket);

    const { statusLine, headers, body, problem } = answerOf(socket.end.mock.calls[0]?.[0]);
    expect(statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(headers).toEqual([
      'Content-Type: application/problem+json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
    ]);
    expect(problem).toEqual({
      type: 'urn:agentbus:problem:headers-too-large',
      title: 'Request Header Fields Too Large',
      status: 431,
      detail: expect.stringContaining(`${maxHeaderSize} bytes`),
    });
  });

  it.each([
    ['HPE_INVALID_METHOD', 400, 'malformed-request'],
    ['HPE_INVALID_HEADER_TOKEN', 400, 'malformed-request'],
    ['HPE_CHUNK_EXTENSIONS_OVERFLOW', 413, 'chunk-extensions-too-large'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'request-timeout'],
  ])('answers %s with %i %s', (code, status, slug) => {
    const socket = aSocket();
    answerClientError(anError(code), socket);
    expect(answerOf(socket.end.mock.calls[0]?.[0]).problem).toMatchObject({
      status,
      type: `urn:agentbus:problem:${slug}`,
    });
  });

  it('names the parser rule a malformed request broke', () => {
    const socket = aSocket();
    answerClientError(anError('HPE_INVALID_HEADER_TOKEN'), socket);
    expect(answerOf(socket.end.mock.calls[0]?.[0]).problem['detail']).toBe(
      'The request is not valid HTTP/1.1 (HPE_INVALID_HEADER_TOKEN).',
    );
  });

  it('keeps reading for 2 s after answering, then closes the connection', () => {
    jest.useFakeTimers();
    const socket = aSocket();
    answerClientError(anError('HPE_HEADER_OVERFLOW'), socket);
    jest.advanceTimersByTime(1_999);
    expect(socket.destroy).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(socket.destroy).toHaveBeenCalledTimes(1);
  });

  it('answers a connection once, however often the parser reports its error again', () => {
    const socket = aSocket();
    answerClientError(anError('HPE_HEADER_OVERFLOW'), socket);
    answerClientError(anError('HPE_HEADER_OVERFLOW'), socket);
    expect(socket.end).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a reset connection', anError('ECONNRESET'), {}],
    ['a broken pipe', anError('EPIPE'), {}],
    ['a socket that is no longer writable', anError('HPE_INVALID_METHOD'), { writable: false }],
    [
      'a response already being sent',
      anError('HPE_INVALID_METHOD'),
      { _httpMessage: { headersSent: true } },
    ],
  ])('only closes %s', (_case, error, fields) => {
    const socket = aSocket(fields);
    answerClientError(error, socket);
    expect(socket.write).not.toHaveBeenCalled();
    expect(socket.end).not.toHaveBeenCalled();
    expect(socket.destroy).toHaveBeenCalledTimes(1);
  });

  it('answers and closes at once when a request on the connection has not answered yet', () => {
    const socket = aSocket({ _httpMessage: { headersSent: false } });
    answerClientError(anError('HPE_INVALID_CHUNK_SIZE'), socket);
    expect(answerOf(socket.write.mock.calls[0]?.[0]).problem).toMatchObject({ status: 400 });
    expect(socket.destroy).toHaveBeenCalledTimes(1);
  });
});
