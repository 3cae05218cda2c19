import { RequestValidationError } from '../http/problem/problem.errors';

// Visible ASCII only: keys are often UUIDs; anything else is more likely a client bug than a key.
const KEY = /^[\x21-\x7E]{1,255}$/;

/** The `Idempotency-Key` header, if sent; 400 when it is malformed or repeated. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header === 'string' && KEY.test(header)) return header;
  throw new RequestValidationError([
    {
      path: 'header Idempotency-Key',
      message: 'must be one value of 1-255 visible ASCII characters',
    },
  ]);
}
