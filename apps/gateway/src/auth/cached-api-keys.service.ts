import { Injectable } from '@nestjs/common';
import { ApiKeyUsage } from './api-key-usage.service';
import { ApiKeyRepository } from './api-key.repository';
import { type Principal } from './principal';

/** How long a key found active is trusted without asking the table again: revocation's delay. */
export const KEY_TRUST_MS = 1_000;
// Bounds the memory a flood of distinct valid keys could take; past it the cache starts over.
const MAX_ENTRIES = 10_000;

interface Entry {
  readonly principal: Promise<Principal | undefined>;
  /** Lowered to the key's expiry (or end of grace) once the lookup answers. */
  until: number;
}

/**
 * Active API keys by hash, remembered for {@link KEY_TRUST_MS} so a request does not cost a
 * lookup: a key revoked in the table (by any replica) is refused within that second, and one that
 * expires or ends its rotation grace is refused from that instant. Unknown keys are not remembered,
 * so a new key works at once; concurrent lookups of one key share a query. Each key found is
 * reported to {@link ApiKeyUsage} (its last-used time).
 */
@Injectable()
export class CachedApiKeys {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly usage: ApiKeyUsage,
  ) {}

  async findActive(keySha256: string): Promise<Principal | undefined> {
    const principal = await this.lookUp(keySha256);
    if (principal !== undefined) this.usage.used(principal.keyId);
    return principal;
  }

  private lookUp(keySha256: string): Promise<Principal | undefined> {
    const now = Date.now();
    const cached = this.entries.get(keySha256);
    if (cached !== undefined && cached.until > now) return cached.principal;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const found = this.keys.findActive(keySha256);
    const entry: Entry = {
      principal: found.then((key) => {
        if (key === undefined) return undefined;
        if (key.validUntil !== null) entry.until = Math.min(entry.until, key.validUntil.getTime());
        return key.principal;
      }),
      until: now + KEY_TRUST_MS,
    };
    this.entries.set(keySha256, entry);
    const forget = () => {
      if (this.entries.get(keySha256) === entry) this.entries.delete(keySha256);
    };
    void entry.principal.then((principal) => principal === undefined && forget(), forget);
    return entry.principal;
  }
}
