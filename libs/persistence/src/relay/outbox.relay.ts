import { Logger } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { assertSchemaName } from '../data-source/schema-name.util';
import { backoffDelay } from './backoff-delay.util';
import { listenerClientConfig } from './listener-client-config.util';
import { NotifyListener } from '../notify/notify-listener';
import { type PublishOutboxMessage } from './outbox-message';
import { type BatchOutcome, relayBatch } from './relay-batch';
import { type RelayLogger } from './relay-logger';
import { Wakeup } from './wakeup';
import { type SentRows } from '../outbox/sent-rows';
import { outboxSource, type RelaySource, sourceChannel } from './relay-source';

/** Options for {@link OutboxRelay}. */
export interface OutboxRelayOptions {
  readonly dataSource: DataSource;
  /** The service schema whose `outbox` table is relayed. */
  readonly schema: string;
  /** Publishes one row, e.g. to JetStream with `Nats-Msg-Id` = `id`. */
  readonly publish: PublishOutboxMessage;
  /** Rows per transaction; default 100. */
  readonly batchSize?: number;
  /** Fallback poll when no notification arrives; default 1000 ms, doubling while idle up to `maxPollIntervalMs`. */
  readonly pollIntervalMs?: number;
  /** Longest idle poll interval; default 8 × `pollIntervalMs`. */
  readonly maxPollIntervalMs?: number;
  /**
   * Leave rows younger than this to the process that wrote them (its direct publisher); default 0.
   * The relay then publishes only what a crash or a failed publish left behind.
   */
  readonly minAgeMs?: number;
  /** A publish that takes longer counts as failed (and is retried); default 30 s. */
  readonly publishTimeoutMs?: number;
  /** Mark published rows sent and keep them for retention (default), or delete them at once. */
  readonly sentRows?: SentRows;
  /** Relay another {@link RelaySource} of the schema instead of its outbox (`sentRows` then unused). */
  readonly source?: RelaySource;
  readonly logger?: RelayLogger;
}

/**
 * Publishes committed outbox rows in `seq` order, each once, and marks them sent or deletes them
 * (DESIGN §6, {@link SentRows}).
 * Woken by NOTIFY on commit through a dedicated LISTEN connection, with polling as a fallback.
 * Failed publishes are recorded on the row and retried with backoff without skipping ahead. Any
 * number of replicas may run; see {@link relayBatch} for how they share the work.
 */
export class OutboxRelay {
  private readonly schema: string;
  private readonly source: RelaySource;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxPollIntervalMs: number;
  private readonly publishTimeoutMs: number;
  private readonly logger: RelayLogger;
  private readonly listener: NotifyListener;
  private work = new Wakeup();
  private stopping = new Wakeup();
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.schema = assertSchemaName(options.schema);
    this.source = options.source ?? outboxSource(this.schema, options.sentRows ?? 'keep');
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.maxPollIntervalMs = options.maxPollIntervalMs ?? this.pollIntervalMs * 8;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 30_000;
    this.logger = options.logger ?? new Logger(OutboxRelay.name);
    // Every commit that wrote rows NOTIFYs; after a reconnect, catch up on what was missed.
    this.listener = new NotifyListener(
      {
        client: listenerClientConfig(options.dataSource, 'outbox-listener'),
        channel: sourceChannel(this.schema, this.source),
        logger: this.logger,
      },
      {
        notified: () => this.work.signal(),
        listening: (up) => {
          if (up) this.work.signal();
        },
      },
    );
  }

  /** Starts listening and relaying; resolves once the listener is up (or known to be down). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.work = new Wakeup();
    this.stopping = new Wakeup();
    await this.listener.start();
    this.loop = this.run();
  }

  /** Lets the current batch finish and commit, then stops and closes the LISTEN connection. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.work.signal();
    this.stopping.signal();
    await this.loop;
    await this.listener.stop();
  }

  private get label(): string {
    return this.source.name === 'outbox' ? this.schema : `${this.schema} (${this.source.name})`;
  }

  private async run(): Promise<void> {
    let failures = 0;
    let idleMs = this.pollIntervalMs;
    while (this.running) {
      const outcome = await this.nextBatch();
      if (outcome === undefined || outcome.failure !== undefined) {
        failures += 1;
        await this.stopping.wait(backoffDelay(failures));
        continue;
      }
      if (failures > 0) this.logger.log(`outbox relay for ${this.label} recovered`);
      failures = 0;
      if (!outcome.busy && outcome.claimed === this.batchSize) continue; // likely more waiting
      // An idle relay polls less and less often (a NOTIFY still wakes it at once).
      idleMs =
        outcome.claimed > 0 || outcome.deferred
          ? this.pollIntervalMs
          : Math.min(this.maxPollIntervalMs, idleMs * 2);
      await this.work.wait(outcome.deferred ? this.pollIntervalMs : idleMs);
    }
  }

  // Undefined when the batch itself failed (e.g. Postgres unreachable); the loop backs off.
  private async nextBatch(): Promise<BatchOutcome | undefined> {
    try {
      const outcome = await relayBatch(this.options.dataSource, this.schema, this.options.publish, {
        limit: this.batchSize,
        publishTimeoutMs: this.publishTimeoutMs,
        minAgeMs: this.options.minAgeMs ?? 0,
        source: this.source,
      });
      if (outcome.failure !== undefined) {
        this.logger.warn(
          `outbox relay for ${this.label}: publishing ${outcome.failure.id} failed ` +
            `(${reasonOf(outcome.failure.error)}); retrying it with backoff`,
        );
      }
      return outcome;
    } catch (error) {
      this.logger.error(`outbox relay for ${this.label}: batch failed (${reasonOf(error)})`);
      return undefined;
    }
  }
}

const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
