import { ExitCode } from '../exit-codes';
import {
  ApiProblemError,
  GatewayUnreachableError,
  InterruptedError,
  StreamDroppedError,
  UnexpectedResponseError,
  UsageError,
} from './cli-errors';
import { type ErrorContext } from './error-context';
import { reportError } from './error-report';
import { problemOf } from './problem';

const ID = '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f';
const context: ErrorContext = { apiKeySet: false, command: (args) => `agent-bus ${args}` };
const refused = (status: number, method: string, path: string, detail = 'because') =>
  new ApiProblemError(
    problemOf(status, JSON.stringify({ title: 'T', status, detail })),
    method,
    path,
  );

describe(reportError.name, () => {
  it('shows the problem title and detail, each invalid field, and what to fix', () => {
    const problem = {
      title: 'Bad Request',
      status: 400,
      detail: 'The request is invalid.',
      errors: [{ path: 'name', message: 'must be a single line' }],
    };
    const error = new ApiProblemError(
      problemOf(400, JSON.stringify(problem)),
      'POST',
      '/v1/projects',
    );
    expect(reportError(error, context)).toEqual({
      lines: [
        'error: Bad Request (400): The request is invalid.',
        '  - name: must be a single line',
        'hint: fix the values listed above and run the command again (--help lists the options)',
      ],
      exitCode: ExitCode.refused,
    });
  });

  it('401 without a key: tells the user to set one', () => {
    const sut = reportError(refused(401, 'GET', '/v1/projects'), context);
    expect(sut.lines).toContain('hint: set AGENT_BUS_API_KEY or pass --api-key');
    expect(sut.exitCode).toBe(ExitCode.refused);
  });

  it('401 with a key: says the key was refused', () => {
    const sut = reportError(refused(401, 'GET', '/v1/projects'), { ...context, apiKeySet: true });
    expect(sut.lines.at(-1)).toMatch(/API key was refused: check AGENT_BUS_API_KEY or --api-key/);
  });

  it.each([
    [
      `/v1/projects/${ID}/approvals/prd_approval`,
      `the gate is not open (already decided, or not reached yet): see the gates with \`agent-bus get ${ID}\``,
    ],
    [`/v1/projects/${ID}/cancel`, `the project has already ended: see \`agent-bus get ${ID}\``],
    [
      `/v1/projects/${ID}/restart`,
      `the project is still queued or running: follow it with \`agent-bus watch ${ID}\`, or cancel it first`,
    ],
  ])('409 on %s says why and what to run', (path, hint) => {
    expect(reportError(refused(409, 'POST', path), context).lines.at(-1)).toBe(`hint: ${hint}`);
  });

  it.each([
    [403, /role/],
    [404, /agent-bus list/],
    [429, /wait a moment.*keys limits <id> --rate/],
    [503, /retry in a moment/],
    [500, /gateway\.log/],
  ])('%i gets a hint matching %s', (status, hint) => {
    const sut = reportError(refused(status, 'GET', `/v1/projects/${ID}`), context);
    expect(sut.lines.at(-1)).toMatch(hint);
    expect(sut.exitCode).toBe(status >= 500 ? ExitCode.gatewayError : ExitCode.refused);
  });

  it('tells a key at its limit of projects in flight to wait for one or cancel one', () => {
    const type = 'urn:agentbus:problem:too-many-projects-in-flight';
    const body = JSON.stringify({ type, title: 'Too Many Requests', status: 429, detail: 'd' });
    const error = new ApiProblemError(problemOf(429, body), 'POST', '/v1/projects');
    const sut = reportError(error, context);
    expect(sut.lines.at(-1)).toMatch(/wait for one to finish, or cancel one/);
    expect(sut.lines.at(-1)).toMatch(/keys limits <id> --projects-in-flight <n>/);
    expect(sut.exitCode).toBe(ExitCode.refused);
  });

  it('connection refused: asks whether the gateway runs and how to start it', () => {
    const sut = reportError(
      new GatewayUnreachableError('http://127.0.0.1:3000', 'ECONNREFUSED'),
      context,
    );
    expect(sut).toEqual({
      lines: [
        'error: cannot reach the gateway at http://127.0.0.1:3000 (ECONNREFUSED)',
        'hint: is the gateway running? start it with `npm run up`, or point --url / AGENT_BUS_URL at it',
      ],
      exitCode: ExitCode.unreachable,
    });
  });

  it('a timeout points at a slow gateway, a lost stream at a stopped one', () => {
    const timeout = reportError(new GatewayUnreachableError('http://h', 'TIMEOUT'), context);
    expect(timeout.lines.at(-1)).toMatch(/slow or stuck/);
    const dropped = reportError(new StreamDroppedError('the event stream broke'), context);
    expect(dropped).toMatchObject({
      exitCode: ExitCode.unreachable,
      lines: [expect.any(String), expect.stringMatching(/npm run up/)],
    });
  });

  it('maps usage errors, odd answers, Ctrl-C and bugs to their exit codes', () => {
    expect(reportError(new UsageError('bad', 'do this'), context)).toEqual({
      lines: ['error: bad', 'hint: do this'],
      exitCode: ExitCode.usage,
    });
    expect(reportError(new UnexpectedResponseError('odd'), context).exitCode).toBe(
      ExitCode.gatewayError,
    );
    expect(reportError(new InterruptedError('stopped'), context)).toEqual({
      lines: ['stopped'],
      exitCode: 130,
    });
    expect(reportError(new TypeError('x is undefined'), context).lines[0]).toBe(
      'error: unexpected failure: x is undefined',
    );
  });
});

describe(problemOf.name, () => {
  it('makes a problem of a body that is not one (a proxy page)', () => {
    expect(problemOf(502, '<html>\n<body>Bad gateway</body></html>')).toEqual({
      type: 'about:blank',
      title: 'Bad Gateway',
      status: 502,
      detail: '<html> <body>Bad gateway</body></html>',
    });
    expect(problemOf(401, '')).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401 });
  });
});
