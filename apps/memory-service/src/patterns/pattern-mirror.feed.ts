import { type MirrorState, PatternMirror } from '@agentbus/memory';
import { AppLogger } from '@agentbus/observability';
import { listenerClientConfig, NotifyListener, schemaOf } from '@agentbus/persistence';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { MemoryIndex } from './memory-index';
import { MEMORY_SETTINGS, type MemorySettings } from './memory.settings';
import { PROJECT_KEY } from './pattern';
import { patternChangesChannel } from './pattern-changes.channel';

const STATES: readonly MirrorState[] = ['loading', 'ready', 'stale', 'over-capacity'];

// An embedder that failed to load (word vectors being fetched, disk full) is tried again this often.
const EMBEDDER_RETRY_MS = 5_000;

/**
 * Keeps this replica's {@link PatternMirror} (every indexed pattern's project, type and vector in
 * memory, for the search's siblings) in step with the record: loaded whole once its LISTEN
 * connection is up, then each pattern any replica's commit changed is read again (the
 * `<schema>_patterns` trigger names it). While the connection is down a change could go unseen,
 * so the mirror stops answering (searches read Postgres) until it is back and loaded again. This
 * replica's own writes are applied before they return ({@link refresh}), so its next search
 * sees them. Off with MEMORY_SIBLING_MIRROR_MAX_PATTERNS=0.
 */
@Injectable()
export class PatternMirrorFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly mirror: PatternMirror | undefined;
  private readonly listener: NotifyListener | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @Inject(DataSource) db: DataSource,
    @Inject(MEMORY_SETTINGS) settings: MemorySettings,
    private readonly index: MemoryIndex,
    private readonly logger: AppLogger,
    registry: Registry,
  ) {
    if (settings.siblingMirrorMaxPatterns === 0) return;
    const mirror = new PatternMirror(db, PROJECT_KEY, settings.siblingMirrorMaxPatterns, {
      loaded: (patterns, ms) =>
        logger.pino.info({ patterns, ms }, 'patterns copied into memory for searches'),
      failed: (error) =>
        logger.pino.warn({ err: error }, 'pattern copy behind the record; reading it again'),
      overCapacity: (patterns, capacity) =>
        logger.pino.warn(
          { patterns, capacity },
          'more patterns than MEMORY_SIBLING_MIRROR_MAX_PATTERNS: searches read Postgres; ' +
            'raise it (about 0.9 KB a pattern) to copy them into memory',
        ),
    });
    this.mirror = mirror;
    new Gauge({
      name: 'agent_bus_memory_copy_patterns',
      help: 'Patterns this memory-service replica holds in memory for searches (PatternMirror).',
      registers: [registry],
      collect() {
        this.set(mirror.size);
      },
    });
    new Gauge({
      name: 'agent_bus_memory_copy_state',
      help: 'The in-memory copy of patterns: 1 for its current state (ready answers searches; loading, stale and over-capacity leave them to Postgres).',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        for (const state of STATES) this.set({ state }, mirror.state === state ? 1 : 0);
      },
    });
    this.listener = new NotifyListener(
      {
        client: listenerClientConfig(db, 'memory-mirror'),
        channel: patternChangesChannel(schemaOf(db)),
        logger,
      },
      {
        notified: (id) => void mirror.refresh([id]),
        listening: (up) => (up ? void this.reload() : mirror.suspend()),
      },
    );
  }

  onApplicationBootstrap(): Promise<void> {
    return this.listener?.start() ?? Promise.resolve();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.mirror?.close();
    await this.listener?.stop();
  }

  /** Applies this replica's own change to `ids` before its caller returns. */
  async refresh(ids: readonly string[]): Promise<void> {
    await this.mirror?.refresh(ids);
  }

  /** Loads the mirror whole, once the embedder (whose rows it copies) is known. */
  private async reload(): Promise<void> {
    if (!this.mirror || this.stopped) return;
    try {
      const embedder = await this.index.embedder();
      await this.mirror.reload(embedder.name);
    } catch (error) {
      this.logger.pino.warn({ err: error }, 'embedder not loaded; pattern copy waits for it');
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => void this.reload(), EMBEDDER_RETRY_MS);
    }
  }
}
