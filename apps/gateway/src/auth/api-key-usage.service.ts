import { AppLogger } from '@agentbus/observability';
import { Injectable } from '@nestjs/common';
import { ApiKeyLifecycleRepository } from './api-key-lifecycle.repository';

/** A key's last use is recorded to the minute: at most one write per key and minute. */
export const LAST_USED_RESOLUTION_MS = 60_000;
// Bounds the memory of many keys; past it every key may be written once more.
const MAX_KEYS = 10_000;

/**
 * Records when keys are used without a write per request: a replica marks a key at most once a
 * minute, off the request's path, and the mark itself is skipped in SQL when another replica
 * wrote one less than a minute ago.
 */
@Injectable()
export class ApiKeyUsage {
  private readonly markedAt = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyLifecycleRepository,
    private readonly logger: AppLogger,
  ) {}

  /** Notes that the key authenticated a request now. */
  used(keyId: string): void {
    const now = Date.now();
    const last = this.markedAt.get(keyId);
    if (last !== undefined && now - last < LAST_USED_RESOLUTION_MS) return;
    if (this.markedAt.size >= MAX_KEYS) this.markedAt.clear();
    this.markedAt.set(keyId, now);
    void this.keys.markUsed(keyId).catch((error: unknown) => {
      // Try again at the key's next use rather than a minute later.
      if (this.markedAt.get(keyId) === now) this.markedAt.delete(keyId);
      this.logger.pino.warn({ err: error, keyId }, 'could not record an API key use');
    });
  }
}
