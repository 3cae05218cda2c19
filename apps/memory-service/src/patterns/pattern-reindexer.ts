import { TypeCollectionRepair } from '@agentbus/memory';
import { AppLogger } from '@agentbus/observability';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MemoryIndex } from './memory-index';
import { MEMORY_SETTINGS, type MemorySettings } from './memory.settings';
import { PatternRepository } from './pattern.repository';
import { PatternsService } from './patterns.service';

const BATCH = 256;

/**
 * Keeps Chroma in step with Postgres, every MEMORY_REINDEX_INTERVAL_MS: vectors of another
 * embedder are forgotten at start (a new embedder fills its own new collection); rows without a
 * vector are embedded and upserted; a collection holding fewer vectors than Postgres says it
 * should (Chroma lost its data) is refilled; vectors of deleted patterns are swept. Then each
 * type's collection is brought in step with the rows indexed (`TypeCollectionRepair`): vectors it
 * lacks are copied from `patterns.vector` (a backfill, or a crash between a pattern's two writes),
 * ids no longer of that type are deleted.
 *
 * Restart-safe: a vector goes to both collections before its row is marked indexed, so a crash
 * before the mark leaves the row unindexed and it is embedded and written again (upserts); a type
 * collection that missed a write for any other reason is short and gets the row's vector.
 */
@Injectable()
export class PatternReindexer implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private firstPass = true;
  private shortLastPass = false;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly patterns: PatternRepository,
    private readonly service: PatternsService,
    private readonly index: MemoryIndex,
    @Inject(MEMORY_SETTINGS) private readonly settings: MemorySettings,
    private readonly logger: AppLogger,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** Resolves once the pass in progress, if any, has ended. */
  async settled(): Promise<void> {
    await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.pino.warn({ err: error }, 'reindex pass failed'))
        .finally(() => this.schedule(this.settings.reindexIntervalMs));
    }, delayMs);
  }

  /** One pass; returns the number of patterns (re)indexed. */
  async runOnce(): Promise<number> {
    const embedder = await this.index.embedder();
    if (this.firstPass) {
      const forgotten = await this.patterns.forgetVectors(embedder.name);
      if (forgotten > 0) {
        this.logger.pino.info(
          { forgotten, embedder: embedder.name },
          'embedder changed: rebuilding',
        );
      }
      this.firstPass = false;
    }
    // Postgres first: a vector is upserted into Chroma before its row is marked indexed, so what
    // is indexed between the two reads can only make Chroma look fuller. Read at once, busy
    // indexing made Chroma look short on every pass and each pass re-embedded everything.
    // Held type writes first, so the type collections' counts below are not short by them.
    await this.index.flushTypeWrites();
    const recorded = await this.patterns.countIndexed(embedder.name);
    const inChroma = await this.index.use((index) => index.count());
    if (inChroma < recorded) {
      // A deletion between the reads can still look like a loss once: refill only when two passes
      // in a row see Chroma short.
      if (this.shortLastPass) {
        this.logger.pino.warn(
          { inChroma, recorded },
          'Chroma lost vectors: refilling from Postgres',
        );
        await this.patterns.forgetVectors(null);
        this.service.membershipChanged();
      }
      this.shortLastPass = !this.shortLastPass;
    } else {
      this.shortLastPass = false;
      if (inChroma > recorded) await this.sweep();
    }
    let indexed = 0;
    for (;;) {
      const batch = await this.patterns.unindexed(BATCH);
      if (batch.length === 0 || this.stopped) break;
      if (!(await this.service.indexNow(batch))) break; // Chroma or the embedder is down
      indexed += batch.length;
      // A rebuild indexes every pattern: each batch's type writes go out before the next.
      await this.index.flushTypeWrites();
    }
    if (indexed > 0) this.logger.pino.info({ indexed }, 'patterns indexed');
    if (this.stopped) return indexed;
    await this.index.flushTypeWrites(); // what this pass indexed, before the counts are compared
    await this.repairTypes(embedder.name);
    return indexed;
  }

  /** Backfills and sweeps the type collections (a no-op when their counts match the rows). */
  private async repairTypes(embedder: string): Promise<void> {
    const repair = new TypeCollectionRepair(this.db, embedder);
    const done = await this.index.use((index) => repair.run(index));
    if (done.added + done.removed + done.reembed > 0) {
      this.logger.pino.info(done, 'type collections repaired');
    }
  }

  /** Deletes vectors whose pattern is no longer in Postgres. */
  private async sweep(): Promise<void> {
    await this.index.use(async (index) => {
      for await (const ids of index.ids()) {
        const stored = await this.patterns.existing(ids);
        await index.delete(ids.filter((id) => !stored.has(id)));
      }
    });
  }
}
