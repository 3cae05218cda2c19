import { AppLogger } from '@agentbus/observability';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { MEMORY_SETTINGS, type MemorySettings } from './memory.settings';
import { PatternRepository, type PatternUse } from './pattern.repository';

// Enough distinct patterns that one statement stays small; a flush is due at once beyond it.
const MAX_PENDING = 1_000;

/**
 * Counts search hits as uses (`retrieved_count`, `last_used_at`: retention keeps used patterns
 * longer, the stats show them) in memory and writes them in one statement per
 * MEMORY_USAGE_FLUSH_MS, instead of one UPDATE per search (one per worker task).
 *
 * Usage counts are statistics, not outcomes: what a crash (kill -9) between two flushes loses is
 * the uses of that last interval, at most MEMORY_USAGE_FLUSH_MS of searches; a clean shutdown
 * flushes. A flush that fails is merged back and retried with the next, so an answer lost on the
 * wire after Postgres committed counts those uses twice. Success scores never come from here:
 * project outcomes are written in the consuming transaction (learning/project-*.handler).
 */
@Injectable()
export class PatternUsageCounter implements OnApplicationShutdown {
  private pending = new Map<string, PatternUse>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly patterns: PatternRepository,
    @Inject(MEMORY_SETTINGS) private readonly settings: MemorySettings,
    private readonly logger: AppLogger,
  ) {}

  /** Counts one use of each id, now; written within MEMORY_USAGE_FLUSH_MS. */
  count(ids: readonly string[], at = new Date()): void {
    if (ids.length === 0) return;
    for (const id of ids) {
      const use = this.pending.get(id);
      this.pending.set(id, { id, uses: (use?.uses ?? 0) + 1, lastUsedAt: at });
    }
    if (this.settings.usageFlushMs === 0 || this.pending.size >= MAX_PENDING) {
      void this.flush();
    } else if (this.timer === undefined) {
      // Armed only while uses are pending: an idle service has no timer to wake it.
      this.timer = setTimeout(() => void this.flush(), this.settings.usageFlushMs);
      this.timer.unref();
    }
  }

  /** Writes every pending use; resolves once they are written or merged back for the next flush. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(() =>
      this.patterns.addUses(batch).catch((error: unknown) => {
        this.logger.pino.warn({ err: error, patterns: batch.length }, 'usage not counted yet');
        this.mergeBack(batch);
      }),
    );
    return this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private mergeBack(batch: readonly PatternUse[]): void {
    for (const use of batch) {
      const newer = this.pending.get(use.id);
      this.pending.set(use.id, {
        id: use.id,
        uses: use.uses + (newer?.uses ?? 0),
        lastUsedAt: newer?.lastUsedAt ?? use.lastUsedAt,
      });
    }
    if (this.timer === undefined) {
      this.timer = setTimeout(() => void this.flush(), Math.max(this.settings.usageFlushMs, 1_000));
      this.timer.unref();
    }
  }
}
