import { createHash, randomBytes } from 'node:crypto';

/** A new API key: 32 random bytes, prefixed so it is recognisable in a secret scanner. */
export const newApiKeySecret = (): string => `abk_${randomBytes(32).toString('base64url')}`;

/**
 * SHA-256 of a key, as stored. Keys are 256-bit random (or an operator's long secret), so a fast
 * hash is enough: there is nothing to brute-force that a slow hash would protect.
 */
export const apiKeyHash = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');
