import { RetryableError } from '@agentbus/contracts';
import { errors } from 'jose';
import { InvalidTokenError } from './sso.errors';

// What each failed claim check means to the caller; jose names the claim it checked.
const CLAIM_FAILURES: Readonly<Record<string, string>> = {
  nbf: 'The token is not valid yet (nbf).',
  iss: 'The token was issued by another issuer (iss).',
  aud: 'The token is not meant for this API (aud).',
  iat: 'The token has an invalid issue time (iat).',
};

/**
 * What a failed `jwtVerify` becomes: {@link InvalidTokenError} (401) when the token is at fault,
 * {@link RetryableError} (503, logged) when the issuer's keys could not be had, so an identity
 * provider outage is not mistaken for bad credentials.
 */
export function tokenFailure(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return new InvalidTokenError('The token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new InvalidTokenError(
      error.reason === 'missing'
        ? `The token has no "${error.claim}" claim.`
        : (CLAIM_FAILURES[error.claim] ?? `The token's "${error.claim}" claim is invalid.`),
    );
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new InvalidTokenError('The token signature does not verify.');
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new InvalidTokenError("No key of the issuer's key set matches the token (kid).");
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new InvalidTokenError('The token is signed with an algorithm this API does not accept.');
  }
  if (isMalformed(error)) return new InvalidTokenError('The token is malformed.');
  if (error instanceof RetryableError) return error;
  // Not shown to the client (a 503 says only "briefly unavailable"), but logged: name the cause.
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const message = `The identity provider's signing keys could not be fetched (${reason}).`;
  return new RetryableError(message, { cause: error });
}

function isMalformed(error: unknown): boolean {
  return (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported ||
    error instanceof errors.JWKSMultipleMatchingKeys
  );
}
