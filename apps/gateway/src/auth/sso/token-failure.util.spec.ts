import { RetryableError } from '@agentbus/contracts';
import { errors } from 'jose';
import { InvalidTokenError } from './sso.errors';
import { tokenFailure } from './token-failure.util';

const claimFailed = (claim: string, reason = 'check_failed') =>
  new errors.JWTClaimValidationFailed('failed', {}, claim, reason);

describe(tokenFailure.name, () => {
  it.each<[string, unknown, RegExp]>([
    ['expired', new errors.JWTExpired('exp', {}, 'exp', 'check_failed'), /expired/],
    ['not yet valid', claimFailed('nbf'), /not valid yet/],
    ['another issuer', claimFailed('iss'), /another issuer/],
    ['another audience', claimFailed('aud'), /not meant for this API/],
    ['a missing claim', claimFailed('exp', 'missing'), /no "exp" claim/],
    ['any other claim', claimFailed('typ'), /"typ" claim is invalid/],
    ['a bad signature', new errors.JWSSignatureVerificationFailed(), /signature/],
    ['an unknown kid', new errors.JWKSNoMatchingKey(), /kid/],
    ['a refused algorithm', new errors.JOSEAlgNotAllowed('none'), /algorithm/],
    ['a malformed token', new errors.JWSInvalid('bad'), /malformed/],
    ['an ambiguous kid', new errors.JWKSMultipleMatchingKeys(), /malformed/],
  ])('makes %s a 401', (_, error, detail) => {
    const failure = tokenFailure(error);
    expect(failure).toBeInstanceOf(InvalidTokenError);
    expect(failure.message).toMatch(detail);
  });

  it.each<[string, unknown]>([
    ['a JWKS timeout', new errors.JWKSTimeout()],
    ['a JWKS answer other than 200', new errors.JOSEError('Expected 200 OK')],
    ['a network failure', new TypeError('fetch failed')],
  ])('makes %s a retryable 503, keeping the cause', (_, error) => {
    const failure = tokenFailure(error);
    expect(failure).toBeInstanceOf(RetryableError);
    expect(failure.cause).toBe(error);
    expect(failure.message).toContain((error as Error).message);
  });

  it('passes a discovery failure through', () => {
    const discovery = new RetryableError('OIDC discovery failed');
    expect(tokenFailure(discovery)).toBe(discovery);
  });
});
