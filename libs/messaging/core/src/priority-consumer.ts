import {
  type MessageDefinition,
  type PriorityGroupDefinition,
  wireStreamName,
} from '@agentbus/contracts';
import { type Bus } from './bus';
import {
  type ConsumeOptions,
  type ConsumerHandle,
  ConsumerRunner,
  type MessageHandler,
  type StopResult,
} from './consumer';
import { errorFields, type BusLogger } from './hooks';
import { type OpenPull, openPull, type PullEnd } from './pull-request';
import { backoffFor } from './settle';

/** One durable of the group: its own runner (handling, settling, progress acks, shutdown). */
interface Lane<D extends MessageDefinition> {
  readonly durable: string;
  readonly stream: string;
  readonly runner: ConsumerRunner<D>;
  /** The waiting pull left open while every lane was empty, if any. */
  waiting: OpenPull | undefined;
}

const MAX_PULL_BACKOFF_MS = 15_000;
const WAITING_PULL_MS = 30_000;

/**
 * Handles the lanes of a priority group with at most `group.concurrency` messages in flight in this
 * process across all of them; a free slot always goes to the first lane (highest priority) that has
 * a message waiting. Each lane keeps its own durable, ack wait, deliveries and dead-lettering, so a
 * message's life (ack, redelivery after a crash, DLQ) is the same as with {@link consume}.
 */
export async function consumeByPriority<D extends MessageDefinition>(
  bus: Bus,
  group: PriorityGroupDefinition<D>,
  handler: MessageHandler<D>,
  options: ConsumeOptions = {},
): Promise<ConsumerHandle> {
  const consumer = new PriorityConsumer(bus, group, handler, options);
  await consumer.start();
  return consumer;
}

/**
 * Pulls in rounds: for the free slots, a no-wait pull on each lane in priority order, each asking
 * for what the lanes before it left. When a round comes back short every lane is empty; then one
 * waiting pull of a single message is left open per lane (highest lanes first, while slots allow),
 * so a new message is seen at once without polling, and the next slot freed starts a new round.
 */
class PriorityConsumer<D extends MessageDefinition> implements ConsumerHandle {
  readonly durable: string;
  private readonly lanes: Lane<D>[];
  private readonly logger: BusLogger;
  private readonly refillAt: number;
  private failures = 0;
  private retryAt = 0;
  private stopping = false;
  private wakeUp: (() => void) | undefined;
  /** A wake that came while the loop was pulling, not sleeping: the next sleep returns at once. */
  private woken = false;
  private loop: Promise<void> = Promise.resolve();
  private offReconnect: (() => void) | undefined;
  private stopped: Promise<StopResult> | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly group: PriorityGroupDefinition<D>,
    handler: MessageHandler<D>,
    options: ConsumeOptions,
  ) {
    this.durable = group.name;
    this.logger = options.logger ?? bus.logger;
    this.refillAt = Math.max(1, Math.ceil(group.concurrency / 4));
    const wake = { wake: () => this.wake() };
    this.lanes = group.lanes.map((definition) => ({
      durable: definition.durable,
      stream: wireStreamName(bus.namespace, definition.stream),
      runner: new ConsumerRunner(bus, definition, handler, options, wake),
      waiting: undefined,
    }));
  }

  get inFlight(): number {
    return this.lanes.reduce((sum, lane) => sum + lane.runner.inFlight, 0);
  }

  async start(): Promise<void> {
    for (const lane of this.lanes) await lane.runner.start();
    // Waiting pulls do not survive a server restart: give their slots back and pull at once.
    this.offReconnect = this.bus.onReconnect(() => {
      for (const lane of this.lanes) lane.waiting?.cancel();
      this.failures = 0;
      this.retryAt = 0;
      this.wake();
    });
    this.loop = this.run();
    this.logger.info(
      {
        group: this.group.name,
        lanes: this.lanes.map((lane) => lane.durable),
        concurrency: this.group.concurrency,
      },
      'priority consumer started',
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
    await this.loop;
    for (const lane of this.lanes) lane.waiting?.cancel();
    const results = await Promise.all(this.lanes.map((lane) => lane.runner.stop({ timeoutMs })));
    return results.reduce(
      (sum, result) => ({
        finished: sum.finished + result.finished,
        released: sum.released + result.released,
      }),
      { finished: 0, released: 0 },
    );
  }

  /** Slots neither handling a message nor promised to a waiting pull. */
  private free(): number {
    const waiting = this.lanes.filter((lane) => lane.waiting !== undefined).length;
    return this.group.concurrency - this.inFlight - waiting;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      if (this.bus.nc.isClosed() || this.bus.nc.isDraining()) {
        this.logger.warn({ group: this.group.name }, 'connection closing; consumer stops pulling');
        return;
      }
      const wait = this.retryAt - Date.now();
      const credit = this.free();
      if (wait > 0) {
        await this.sleep(wait);
      } else if (credit >= this.refillAt || (credit > 0 && this.inFlight === 0)) {
        const received = await this.round(credit);
        if (received < credit) {
          this.openWaitingPulls();
          await this.sleep();
        }
      } else {
        await this.sleep();
      }
    }
  }

  /** One no-wait pull per lane, highest first, until `credit` messages came; returns how many. */
  private async round(credit: number): Promise<number> {
    let received = 0;
    for (const lane of this.lanes) {
      if (received >= credit || this.stopping) break;
      const pull = openPull(
        this.bus,
        { ...this.spec(lane), batch: credit - received, noWait: true },
        (message) => lane.runner.accept(message),
      );
      const end = await pull.ended;
      received += end.received;
      if (end.error !== undefined) {
        this.pullFailed(lane, end.error);
        return credit; // back off before the next round, not into waiting pulls
      }
    }
    this.failures = 0;
    return received;
  }

  private openWaitingPulls(): void {
    for (const lane of this.lanes) {
      if (this.stopping || this.free() <= 0) return;
      if (lane.waiting !== undefined) continue;
      const pull = openPull(this.bus, { ...this.spec(lane), batch: 1, noWait: false }, (message) =>
        lane.runner.accept(message),
      );
      lane.waiting = pull;
      void pull.ended.then((end) => this.waitingEnded(lane, pull, end));
    }
  }

  private waitingEnded(lane: Lane<D>, pull: OpenPull, end: PullEnd): void {
    if (lane.waiting === pull) lane.waiting = undefined;
    if (end.error !== undefined && !this.stopping) this.pullFailed(lane, end.error);
    this.wake();
  }

  private spec(lane: Lane<D>): { stream: string; durable: string; expiresMs: number } {
    return { stream: lane.stream, durable: lane.durable, expiresMs: WAITING_PULL_MS };
  }

  private pullFailed(lane: Lane<D>, error: Error): void {
    this.failures++;
    const delayMs = Math.min(
      MAX_PULL_BACKOFF_MS,
      backoffFor(this.failures, { backoffMs: 250, maxBackoffMs: MAX_PULL_BACKOFF_MS }),
    );
    this.retryAt = Date.now() + delayMs;
    this.logger.warn(
      { ...errorFields(error), durable: lane.durable, failures: this.failures, retryInMs: delayMs },
      'pull failed; retrying',
    );
  }

  /** Sleeps until woken (a slot freed, a waiting pull ended, reconnect, stop) or `ms` passed. */
  private sleep(ms?: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
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
    if (wakeUp === undefined) this.woken = true;
    else wakeUp();
  }
}
