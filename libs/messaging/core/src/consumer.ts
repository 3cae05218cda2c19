import {
  type ConsumerDefinition,
  InvalidMessageError,
  type MessageDefinition,
  type MessageOf,
  parseEnvelope,
  wireStreamName,
} from '@agentbus/contracts';
import {
  type Consumer,
  type ConsumerMessages,
  JetStreamApiCodes,
  JetStreamApiError,
} from '@nats-io/jetstream';
import { type Subscription } from '@nats-io/transport-node';
import { context } from '@opentelemetry/api';
import { listenForExhausted } from './advisories';
import { type Bus } from './bus';
import { type DeadLetterInput } from './dead-letter';
import { DurableNotFoundError } from './errors';
import { headersToRecord } from './headers';
import {
  type BusHooks,
  type BusLogger,
  errorFields,
  type HandleOutcome,
  type MessagingMetricsHooks,
} from './hooks';
import { type DeliveredMessage } from './pulled-message';
import { backoffFor, type Outcome, outcomeOf, release, settle, settleNow, touch } from './settle';
import { endSpan, startConsumerSpan } from './tracing';

/** What a handler knows about the delivery besides the envelope. */
export interface DeliveryContext {
  /** Canonical subject (without the namespace). */
  readonly subject: string;
  /** 1 on the first delivery. */
  readonly deliveryCount: number;
  readonly streamSequence: number;
  readonly headers: Readonly<Record<string, readonly string[]>>;
  /** Aborted when shutdown gave up waiting and handed the message to another replica. */
  readonly signal: AbortSignal;
  /** Progress ack; the bus already sends one every ackWait/3 while the handler runs. */
  working(): void;
}

/** Handles one validated message; throw to nak or dead-letter (see {@link outcomeOf}). */
export type MessageHandler<D extends MessageDefinition> = (
  message: MessageOf<D>,
  context: DeliveryContext,
) => Promise<void>;

/** Optional knobs of {@link consume}. */
export interface ConsumeOptions extends BusHooks {
  /** Lifetime of one pull request on the server; default 30 s. */
  pullExpiresMs?: number;
  /** Dead-letter messages the server gave up on while nobody could (default true). */
  deadLetterExhausted?: boolean;
}

/** How {@link ConsumerHandle.stop} left the in-flight work. */
export interface StopResult {
  /** Handlers that finished (and settled) within the timeout. */
  readonly finished: number;
  /** Deliveries naked at the timeout for another replica to take. */
  readonly released: number;
}

/** A running consumer. */
export interface ConsumerHandle {
  readonly durable: string;
  /** Messages being handled right now. */
  readonly inFlight: number;
  /**
   * Stops pulling, waits up to `timeoutMs` (default 10 s) for running handlers, and naks the rest
   * so another replica gets them at once. Safe to call twice.
   */
  stop(options?: { timeoutMs?: number }): Promise<StopResult>;
}

/**
 * Handles messages of a durable pull consumer with at most `definition.concurrency` in flight in this
 * process. Resolves once the durable was found (throws {@link DurableNotFoundError} otherwise); from
 * then on pull failures, reconnects and server restarts are logged and retried with backoff.
 */
export async function consume<D extends MessageDefinition>(
  bus: Bus,
  definition: ConsumerDefinition<D>,
  handler: MessageHandler<D>,
  options: ConsumeOptions = {},
): Promise<ConsumerHandle> {
  const runner = new ConsumerRunner(bus, definition, handler, options);
  await runner.start();
  return runner;
}

/**
 * One message being handled; it is also the handler's {@link DeliveryContext}, so a delivery costs
 * one allocation. Headers and the abort signal are built only when a handler asks for them.
 */
class Delivery implements DeliveryContext {
  lastProgressAt = Date.now();
  settled = false;
  private controller: AbortController | undefined;
  private headerRecord: Record<string, string[]> | undefined;

  constructor(
    readonly msg: DeliveredMessage,
    readonly subject: string,
  ) {}

  get deliveryCount(): number {
    return this.msg.info.deliveryCount;
  }

  get streamSequence(): number {
    return this.msg.info.streamSequence;
  }

  get headers(): Record<string, string[]> {
    this.headerRecord ??= headersToRecord(this.msg.headers);
    return this.headerRecord;
  }

  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    return this.controller.signal;
  }

  // An arrow property, so `const { working } = context` keeps working.
  readonly working = (): void => {
    if (this.settled) return;
    touch(this.msg);
    this.lastProgressAt = Date.now();
  };

  /** Marks the delivery settled elsewhere (shutdown) and tells the handler to give up. */
  abandon(reason: Error): void {
    this.settled = true;
    this.controller?.abort(reason);
  }
}

const MAX_PULL_BACKOFF_MS = 15_000;
const ACK: Outcome = { kind: 'ack' };

/**
 * Pulls with credit: a fetch asks for exactly the slots that are free, so the process never holds a
 * message it is not working on (a buffered message would outlive its ack wait during long handlers
 * and be handled twice). A new fetch goes out when no fetch is open, or when a quarter of the slots
 * are free: batches stay large enough to amortise a fetch, and small enough to keep the pipe full
 * (measured with tools/bench/messaging).
 */
export class ConsumerRunner<D extends MessageDefinition> implements ConsumerHandle {
  readonly durable: string;
  private readonly stream: string;
  private readonly logger: BusLogger;
  private readonly metrics: MessagingMetricsHooks | undefined;
  private readonly expiresMs: number;
  private readonly refillAt: number;
  private readonly progressMs: number;
  private readonly deliveries = new Set<Delivery>();
  private readonly batches = new Set<ConsumerMessages>();
  private consumer: Consumer | undefined;
  private requested = 0;
  private failures = 0;
  private retryAt = 0;
  private stopping = false;
  private wakeUp: (() => void) | undefined;
  private loop: Promise<void> = Promise.resolve();
  private progressTimer: NodeJS.Timeout | undefined;
  private advisory: Subscription | undefined;
  private offReconnect: (() => void) | undefined;
  private stopped: Promise<StopResult> | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly definition: ConsumerDefinition<D>,
    private readonly handler: MessageHandler<D>,
    private readonly options: ConsumeOptions,
    /** Set when a priority group pulls for this durable ({@link accept}): no pull loop of its own. */
    private readonly group?: { wake(): void },
  ) {
    this.durable = definition.durable;
    this.stream = wireStreamName(bus.namespace, definition.stream);
    this.logger = options.logger ?? bus.logger;
    this.metrics = options.metrics ?? bus.metrics;
    this.expiresMs = options.pullExpiresMs ?? 30_000;
    this.refillAt = Math.max(1, Math.ceil(definition.concurrency / 4));
    this.progressMs = Math.max(50, Math.floor(definition.ackWaitMs / 3));
  }

  get inFlight(): number {
    return this.deliveries.size;
  }

  async start(): Promise<void> {
    try {
      this.consumer = await this.bus.js.consumers.get(this.stream, this.durable);
    } catch (error) {
      if (
        error instanceof JetStreamApiError &&
        (error.code === JetStreamApiCodes.ConsumerNotFound ||
          error.code === JetStreamApiCodes.StreamNotFound)
      ) {
        throw new DurableNotFoundError(this.stream, this.durable, { cause: error });
      }
      throw error;
    }
    if (this.options.deadLetterExhausted !== false) {
      this.advisory = listenForExhausted(this.bus, this.definition, this.logger);
    }
    this.progressTimer = setInterval(() => this.sendProgress(), this.progressMs);
    this.progressTimer.unref();
    // A server back from a restart gets our pulls at once, not after the pull backoff (up to 15 s)
    // that its outage built up: that wait was the largest delay after a NATS restart in chaos runs.
    this.offReconnect = this.bus.onReconnect(() => {
      this.failures = 0;
      this.retryAt = 0;
      this.wake();
    });
    if (this.group === undefined) this.loop = this.run();
    this.logger.info(
      { durable: this.durable, stream: this.stream, concurrency: this.definition.concurrency },
      'consumer started',
    );
  }

  stop(options: { timeoutMs?: number } = {}): Promise<StopResult> {
    this.stopped ??= this.shutdown(options.timeoutMs ?? 10_000);
    return this.stopped;
  }

  private async shutdown(timeoutMs: number): Promise<StopResult> {
    this.stopping = true;
    this.offReconnect?.();
    this.wake();
    this.advisory?.unsubscribe();
    await Promise.allSettled([...this.batches].map((batch) => batch.close()));
    await this.loop;
    // A fetch that was being opened while we stopped is closed here; its messages are released.
    await Promise.allSettled([...this.batches].map((batch) => batch.close()));
    const running = this.deliveries.size;
    await this.waitForIdle(timeoutMs);
    let released = 0;
    for (const delivery of this.deliveries) {
      if (delivery.settled) continue;
      delivery.abandon(new Error('consumer stopped; message released to another replica'));
      this.safely(() => release(delivery.msg), 'release failed');
      this.metrics?.observeHandle(this.definition.message.subject, this.durable, 'nak', 0);
      released++;
    }
    clearInterval(this.progressTimer);
    const result = { finished: running - released, released };
    this.logger.info({ durable: this.durable, ...result }, 'consumer stopped');
    return result;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      if (this.bus.nc.isClosed() || this.bus.nc.isDraining()) {
        this.logger.warn({ durable: this.durable }, 'connection closing; consumer stops pulling');
        clearInterval(this.progressTimer);
        return;
      }
      const wait = this.retryAt - Date.now();
      const credit = this.definition.concurrency - this.deliveries.size - this.requested;
      if (wait > 0) {
        await this.sleep(wait);
      } else if (credit > 0 && (this.batches.size === 0 || credit >= this.refillAt)) {
        await this.pull(credit);
      } else {
        await this.sleep();
      }
    }
  }

  private async pull(credit: number): Promise<void> {
    try {
      this.consumer ??= await this.bus.js.consumers.get(this.stream, this.durable);
      const batch = await this.consumer.fetch({ max_messages: credit, expires: this.expiresMs });
      this.requested += credit;
      this.batches.add(batch);
      void this.drain(batch, credit);
    } catch (error) {
      this.pullFailed(error);
    }
  }

  private async drain(batch: ConsumerMessages, budget: number): Promise<void> {
    let remaining = budget;
    let failure: unknown;
    try {
      for await (const msg of batch) {
        // A reconnect makes the client re-pull a full batch; anything over the credit goes back.
        if (this.stopping || remaining === 0) {
          this.safely(() => release(msg), 'release failed');
          continue;
        }
        remaining--;
        this.requested--;
        this.dispatch(msg);
      }
    } catch (error) {
      failure = error;
    } finally {
      this.requested -= remaining;
      this.batches.delete(batch);
      if (failure === undefined) this.failures = 0;
      else if (!this.stopping) this.pullFailed(failure);
      this.wake();
    }
  }

  private pullFailed(error: unknown): void {
    this.failures++;
    this.consumer = undefined; // look it up again: the server may have restarted or lost it
    const delayMs = Math.min(
      MAX_PULL_BACKOFF_MS,
      backoffFor(this.failures, { backoffMs: 250, maxBackoffMs: MAX_PULL_BACKOFF_MS }),
    );
    this.retryAt = Date.now() + delayMs;
    this.logger.warn(
      { ...errorFields(error), durable: this.durable, failures: this.failures, retryInMs: delayMs },
      'pull failed; retrying',
    );
  }

  /** Handles a message its priority group pulled; the group keeps within the concurrency. */
  accept(msg: DeliveredMessage): void {
    this.dispatch(msg);
  }

  private dispatch(msg: DeliveredMessage): void {
    const delivery = new Delivery(msg, this.definition.message.subject);
    this.deliveries.add(delivery);
    void this.process(delivery);
  }

  private async process(delivery: Delivery): Promise<void> {
    const started = this.metrics ? performance.now() : 0;
    const { msg } = delivery;
    const { span, ctx } = startConsumerSpan(delivery.subject, msg.subject, msg.headers, () => ({
      'messaging.consumer.group.name': this.durable,
      'messaging.nats.stream.sequence': msg.info.streamSequence,
      'messaging.nats.delivery.count': msg.info.deliveryCount,
    }));
    let error: unknown;
    let envelope: MessageOf<D> | undefined;
    try {
      envelope = decode(this.definition.message, msg);
      await (ctx
        ? context.with(ctx, this.handler, undefined, envelope, delivery)
        : this.handler(envelope, delivery));
    } catch (thrown) {
      error = thrown ?? new Error('handler threw a nullish value');
    }
    try {
      if (delivery.settled) return; // released at shutdown; the handler finished too late to count
      delivery.settled = true;
      // Success never parses the delivery info: only failures need the delivery count.
      const outcome =
        error === undefined ? ACK : outcomeOf(error, msg.info.deliveryCount, this.definition);
      const settled = this.settle(msg, outcome);
      // Awaiting a plain value still costs a microtask; only the DLQ path returns a promise.
      const label = typeof settled === 'string' ? settled : await settled;
      if (outcome.kind === 'nak') this.logRetry(msg, envelope, error, outcome.delayMs);
      this.metrics?.observeHandle(
        delivery.subject,
        this.durable,
        label,
        (performance.now() - started) / 1_000,
      );
    } finally {
      endSpan(span, error);
      this.deliveries.delete(delivery);
      this.wake();
    }
  }

  /** Settles without an extra promise unless the outcome needs the DLQ. */
  private settle(msg: DeliveredMessage, outcome: Outcome): HandleOutcome | Promise<HandleOutcome> {
    try {
      if (outcome.kind !== 'dead-letter') return settleNow(msg, outcome);
      const deadLetter = (): DeadLetterInput => this.deadLetterInput(msg, outcome);
      return settle(this.bus, msg, outcome, deadLetter, this.definition).catch((error: unknown) =>
        this.settleFailed(error),
      );
    } catch (error) {
      return this.settleFailed(error);
    }
  }

  private settleFailed(error: unknown): HandleOutcome {
    this.logger.error({ ...errorFields(error), durable: this.durable }, 'settlement failed');
    return 'nak';
  }

  private deadLetterInput(msg: DeliveredMessage, outcome: Outcome): DeadLetterInput {
    return {
      subject: this.definition.message.subject,
      stream: this.stream,
      consumer: this.durable,
      streamSequence: msg.info.streamSequence,
      deliveryCount: msg.info.deliveryCount,
      reason: outcome.kind === 'dead-letter' ? outcome.reason : 'unknown',
      errorName: outcome.kind === 'dead-letter' ? outcome.errorName : 'Error',
      headers: headersToRecord(msg.headers),
      payload: msg.data,
    };
  }

  private logRetry(
    msg: DeliveredMessage,
    envelope: MessageOf<D> | undefined,
    error: unknown,
    delayMs: number,
  ): void {
    this.logger.warn(
      {
        ...errorFields(error),
        subject: this.definition.message.subject,
        durable: this.durable,
        deliveryCount: msg.info.deliveryCount,
        maxDeliver: this.definition.maxDeliver,
        retryInMs: delayMs,
        ...(envelope
          ? {
              correlationId: envelope.correlationId,
              causationId: envelope.causationId,
              messageId: envelope.id,
            }
          : {}),
      },
      'handler failed; message will be redelivered',
    );
  }

  /** Progress acks for handlers that have run for a while (at most every ackWait/2 per message). */
  private sendProgress(): void {
    const now = Date.now();
    for (const delivery of this.deliveries) {
      if (delivery.settled || now - delivery.lastProgressAt < this.progressMs / 2) continue;
      this.safely(() => touch(delivery.msg), 'progress ack failed');
      delivery.lastProgressAt = now;
    }
  }

  private async waitForIdle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.deliveries.size > 0 && Date.now() < deadline) {
      await this.sleep(deadline - Date.now());
    }
  }

  /** Sleeps until woken (a slot freed, a batch ended, stop) or `ms` passed. */
  private sleep(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = undefined;
    wakeUp?.();
    this.group?.wake();
  }

  private safely(action: () => void, message: string): void {
    try {
      action();
    } catch (error) {
      this.logger.warn({ ...errorFields(error), durable: this.durable }, message);
    }
  }
}

/** Parses and validates a delivery; anything unreadable is an {@link InvalidMessageError}. */
function decode<D extends MessageDefinition>(definition: D, msg: DeliveredMessage): MessageOf<D> {
  let raw: unknown;
  try {
    raw = JSON.parse(msg.string());
  } catch (error) {
    throw new InvalidMessageError(definition.subject, [
      `(root): payload is not JSON (${error instanceof Error ? error.message : String(error)})`,
    ]);
  }
  return parseEnvelope(definition, raw);
}
