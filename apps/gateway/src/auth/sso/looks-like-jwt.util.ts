import { decodeProtectedHeader } from 'jose';

// JWS compact serialization: three base64url parts; the signature is empty only for alg "none",
// which is let through here so that it is refused by name rather than as an unknown API key.
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/**
 * True when a bearer credential is a JWT rather than an API key: the compact shape and a header
 * that decodes to JSON naming an `alg`. API keys (`abk_` plus base64url) never have dots, and an
 * operator's admin secret could only collide by being a well-formed JWS header itself.
 */
export function looksLikeJwt(token: string): boolean {
  if (!COMPACT_JWS.test(token)) return false;
  try {
    return typeof decodeProtectedHeader(token).alg === 'string';
  } catch {
    return false;
  }
}
