import { PatternType, RetryableError } from '@agentbus/contracts';
import {
  ChromaPatternIndex,
  chromaClientFor,
  createEmbedder,
  type Embedder,
  EmbedderMismatchError,
  PendingTypeWrites,
} from '@agentbus/memory';
import { AppLogger, HealthRegistry } from '@agentbus/observability';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { MEMORY_SETTINGS, type MemorySettings } from './memory.settings';

/**
 * The process's embedder (loaded once, in the background at start) and the Chroma collections it
 * fills: all types in one, and each pattern type in its own (a worker's search names its stage's
 * types, answered there without Chroma's slow metadata filter). A failed Chroma call drops the handle, so the next call opens the collection again
 * (after a Chroma restart, or a new empty collection if Chroma lost its data: the reindexer then
 * refills it from Postgres). New vectors reach the type collections in batches
 * (`MEMORY_TYPE_WRITE_FLUSH_MS`): a Chroma write costs 10-15 ms of its CPU at any size, and a
 * learned project touches about ten types.
 */
@Injectable()
export class MemoryIndex implements OnModuleInit, OnApplicationShutdown {
  private embedderLoad: Promise<Embedder> | undefined;
  private loaded: Embedder | undefined;
  private index: Promise<ChromaPatternIndex> | undefined;
  // Outlives the index handle, which a Chroma error replaces.
  private readonly pending: PendingTypeWrites | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    @Inject(MEMORY_SETTINGS) private readonly settings: MemorySettings,
    private readonly health: HealthRegistry,
    private readonly logger: AppLogger,
  ) {
    this.pending = settings.typeWriteFlushMs > 0 ? new PendingTypeWrites() : undefined;
  }

  onModuleInit(): void {
    if (this.pending) {
      this.flushTimer = setInterval(
        () => void this.flushTypeWrites(),
        this.settings.typeWriteFlushMs,
      );
      this.flushTimer.unref();
    }
    this.health.register('embedder', () => {
      if (!this.loaded) {
        throw new Error('the embedder is still loading (word vectors: up to a minute)');
      }
      return Promise.resolve();
    });
    void this.embedder().catch((error: unknown) =>
      this.logger.pino.error({ err: error }, 'embedder could not be loaded'),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.flushTypeWrites();
  }

  /** Type-collection writes waiting for the next flush. */
  get pendingTypeWrites(): number {
    return this.pending?.size ?? 0;
  }

  /**
   * Sends the type-collection writes held so far (one at a time; a failure is logged and they
   * wait for the next flush, or the reindexer's repair if the process stops first).
   */
  flushTypeWrites(): Promise<void> {
    if (!this.pending || this.pending.size === 0 || !this.index) return this.flushing;
    const index = this.index;
    this.flushing = this.flushing.then(async () => {
      try {
        await (await index).flushTypeWrites();
      } catch (error) {
        this.logger.pino.warn(
          { err: error, pending: this.pending?.size },
          'type collection writes wait for the next flush',
        );
      }
    });
    return this.flushing;
  }

  /** The embedder, loading it on first use. */
  embedder(): Promise<Embedder> {
    this.embedderLoad ??= createEmbedder(this.settings.embedder).then(
      (embedder) => {
        this.loaded = embedder;
        this.logger.pino.info(
          { embedder: embedder.name, dimension: embedder.dimension },
          'embedder ready',
        );
        return embedder;
      },
      (error: unknown) => {
        this.embedderLoad = undefined;
        throw error;
      },
    );
    return this.embedderLoad;
  }

  /** The embedder if loaded; a search does not wait a minute for word vectors, it says so. */
  loadedEmbedder(): Embedder {
    if (this.loaded) return this.loaded;
    void this.embedder().catch(() => undefined); // a failed load is retried by the next caller
    throw new RetryableError('the embedder is still loading (word vectors: up to a minute)');
  }

  /** The embedder's name once loaded (for stats), else undefined. */
  get embedderName(): string | undefined {
    return this.loaded?.name;
  }

  /** Runs `work` on the collection; Chroma errors become retryable and reset the handle. */
  async use<T>(work: (index: ChromaPatternIndex) => Promise<T>): Promise<T> {
    const embedder = await this.embedder();
    this.index ??= ChromaPatternIndex.open(
      chromaClientFor(this.settings.chromaUrl),
      this.settings.collectionPrefix,
      embedder,
      PatternType.options,
      this.pending,
    );
    try {
      return await work(await this.index);
    } catch (error) {
      this.index = undefined;
      if (error instanceof EmbedderMismatchError) throw error;
      throw new RetryableError(
        `Chroma at ${this.settings.chromaUrl} failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
}
