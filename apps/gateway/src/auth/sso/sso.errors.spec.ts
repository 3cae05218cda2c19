import { problemOf } from '../../http/problem/problem-of.util';
import { type HttpProblemError } from '../../http/problem/problem.errors';
import { bearerChallenge, InsufficientRoleError, InvalidTokenError } from './sso.errors';

describe(bearerChallenge.name, () => {
  it('is an RFC 6750 challenge whose description cannot break out of its quotes', () => {
    expect(bearerChallenge('invalid_token', 'The "sub" claim \\ is é\r\nmissing.')).toBe(
      `Bearer realm="agent-bus", error="invalid_token", error_description="The 'sub' claim ' is '''missing."`,
    );
  });
});

describe('SSO problems', () => {
  it.each<[HttpProblemError, number, string, string]>([
    [new InvalidTokenError('The token has expired.'), 401, 'unauthenticated', 'invalid_token'],
    [new InsufficientRoleError('Needs approver.'), 403, 'forbidden', 'insufficient_scope'],
  ])('%s answers its status, problem type and challenge', (error, status, slug, code) => {
    const { problem, headers } = problemOf(error, '/v1/projects');
    expect(problem).toMatchObject({ status, type: `urn:agentbus:problem:${slug}` });
    expect(problem.detail).toBe(error.message);
    expect(headers['WWW-Authenticate']).toContain(`error="${code}"`);
    expect(headers['WWW-Authenticate']).toContain(`error_description="${error.message}"`);
  });
});
