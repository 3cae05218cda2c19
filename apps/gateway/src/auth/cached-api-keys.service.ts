import { Injectable } from '@nestjs/common';
import { ApiKeyRepository } from './api-key.repository';
import { type Principal } from './principal';

/** How long a key found active is trusted without asking the table again: revocation's delay. */
export const KEY_TRUST_MS = 1_000;
// Bounds the memory a flood of distinct valid keys could take; past it the cache starts over.
const MAX_ENTRIES = 10_000;

interface Entry {
  readonly principal: Promise<Principal | undefined>;
  readonly until: number;
}

/**
 * Active API keys by hash, remembered for {@link KEY_TRUST_MS} so a request does not cost a
 * lookup: a key revoked in the table (by any replica) is refused within that second. Unknown
 * keys are not remembered, so a new key works at once; concurrent lookups of one key share a query.
 */
@Injectable()
export class CachedApiKeys {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly keys: ApiKeyRepository) {}

  findActive(keySha256: string): Promise<Principal | undefined> {
    const now = Date.now();
    const cached = this.entries.get(keySha256);
    if (cached !== undefined && cached.until > now) return cached.principal;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const principal = this.keys.findActive(keySha256);
    const entry = { principal, until: now + KEY_TRUST_MS };
    this.entries.set(keySha256, entry);
    const forget = () => {
      if (this.entries.get(keySha256) === entry) this.entries.delete(keySha256);
    };
    void principal.then((found) => found === undefined && forget(), forget);
    return principal;
  }
}
