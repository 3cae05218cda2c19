import { RetryableError } from '@agentbus/contracts';
import { PublishFailedError } from '@agentbus/messaging';
import { NotFoundException } from '@nestjs/common';
import { ConflictError, RequestValidationError, UnauthenticatedError } from './problem.errors';
import { problemOf } from './problem-of.util';

describe(problemOf.name, () => {
  const instance = '/v1/projects/x';

  it('answers our own errors with their type, status, detail and extensions', () => {
    const sut = problemOf(
      new ConflictError('gate-not-open', 'The gate is decided.', { attempt: 2 }),
      instance,
    );
    expect(sut).toEqual({
      problem: {
        type: 'urn:agentbus:problem:gate-not-open',
        title: 'Conflict',
        status: 409,
        detail: 'The gate is decided.',
        instance,
        attempt: 2,
      },
      headers: {},
      unexpected: false,
    });
  });

  it('lists every invalid field of a validation error', () => {
    const errors = [{ path: 'options.budget.maxTokens', message: 'must be an integer number' }];
    const { problem } = problemOf(new RequestValidationError(errors), instance);
    expect(problem).toMatchObject({
      status: 400,
      errors,
      detail: expect.stringContaining('options.budget.maxTokens'),
    });
  });

  it('asks for credentials on a 401', () => {
    expect(problemOf(new UnauthenticatedError('no key'), instance).headers).toEqual({
      'WWW-Authenticate': 'Bearer realm="agent-bus"',
    });
  });

  it("keeps Nest's HTTP exceptions (e.g. an unknown route) as plain HTTP problems", () => {
    const { problem } = problemOf(new NotFoundException('Cannot GET /v2'), '/v2');
    expect(problem).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Cannot GET /v2',
      instance: '/v2',
    });
  });

  it('shows the message of an exposed http-error, and hides an unexposed one', () => {
    const exposed = Object.assign(new Error('request aborted'), { status: 400, expose: true });
    const hidden = Object.assign(new Error('socket detail'), { status: 502, expose: false });
    expect(problemOf(exposed, instance).problem.detail).toBe('request aborted');
    expect(problemOf(hidden, instance).problem.detail).toBe('Bad Gateway');
  });

  it.each([
    [
      'the bus refused a publish',
      new PublishFailedError('agentbus.workflow.v1.project.cancel-requested', 'id'),
    ],
    ['a transient database failure', new RetryableError('deadlock')],
    ['a lost Postgres connection', new Error('Connection terminated unexpectedly')],
  ])('answers 503 with Retry-After when %s', (_case, error) => {
    const sut = problemOf(error, instance);
    expect(sut.problem).toMatchObject({
      status: 503,
      type: 'urn:agentbus:problem:service-unavailable',
    });
    expect(sut.headers).toEqual({ 'Retry-After': '1' });
  });

  it('answers 503 when the read model is not there (undefined table)', () => {
    const missing = Object.assign(new Error('relation "orchestrator.projects" does not exist'), {
      code: '42P01',
    });
    expect(problemOf(missing, instance).problem).toMatchObject({
      status: 503,
      type: 'urn:agentbus:problem:read-model-unavailable',
    });
  });

  it('answers anything else with a 500 that leaks nothing, flagged to be logged', () => {
    const sut = problemOf(
      new TypeError("Cannot read properties of undefined (reading 'secret')"),
      instance,
    );
    expect(sut.unexpected).toBe(true);
    expect(sut.problem).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred; it has been logged.',
      instance,
    });
  });
});
