import {
  jetstream,
  type JetStreamClient,
  type JetStreamManager,
  jetstreamManager,
} from '@nats-io/jetstream';
import { connect, type NatsConnection, type Status } from '@nats-io/transport-node';
import { BusConfigurationError, BusUnavailableError } from './errors';
import {
  type BusHooks,
  type BusLogger,
  errorFields,
  type MessagingMetricsHooks,
  silentLogger,
} from './hooks';
import { assertNamespace } from './names';

/** What {@link connectBus} needs. */
export interface BusOptions extends BusHooks {
  /** One URL, a comma-separated list, or an array (`nats://host:4222`). */
  servers: string | readonly string[];
  /** Client name shown by the server; also the `source` of dead letters this process writes. */
  name: string;
  /** Isolates a deployment or test run on a shared server; `''` for none. */
  namespace: string;
  /** Fixed wait between reconnect attempts (plus up to 500 ms jitter); default 2 s. */
  reconnectWaitMs?: number;
}

/** A live connection with its JetStream contexts; create with {@link connectBus}. */
export interface Bus {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly name: string;
  readonly namespace: string;
  readonly logger: BusLogger;
  readonly metrics: MessagingMetricsHooks | undefined;
  /** False while disconnected (the client keeps reconnecting) and after close. */
  isConnected(): boolean;
  /**
   * Calls `listener` each time the client reconnects (e.g. after a server restart); returns the
   * function that removes it. Consumers use it to pull at once instead of waiting out a backoff.
   */
  onReconnect(listener: () => void): () => void;
  /** Drains subscriptions and pending publishes, then closes; safe to call twice. */
  close(): Promise<void>;
}

const serverList = (servers: BusOptions['servers']): string[] =>
  (typeof servers === 'string' ? servers.split(',') : [...servers])
    .map((server) => server.trim())
    .filter((server) => server !== '');

/**
 * Connects to NATS and JetStream. The client reconnects forever with a capped wait and buffers
 * publishes meanwhile; status changes are logged. Throws when JetStream is not enabled.
 */
export async function connectBus(options: BusOptions): Promise<Bus> {
  const servers = serverList(options.servers);
  if (servers.length === 0) throw new BusConfigurationError('no NATS server given');
  assertNamespace(options.namespace);
  const logger = options.logger ?? silentLogger;

  const nc = await connect({
    servers,
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: options.reconnectWaitMs ?? 2_000,
    reconnectJitter: 500,
    pingInterval: 20_000,
    // nats.js builds two Error objects per request (every JetStream publish) just for async stack
    // context: a third of a publisher's CPU. We wrap failures in our own named errors instead
    // (PublishFailedError, QueryTimeoutError), created at the awaiting caller, which V8's async
    // stack traces attribute to the call site at no cost on the success path.
    noAsyncTraces: true,
  });
  let jsm: JetStreamManager;
  try {
    jsm = await jetstreamManager(nc);
  } catch (error) {
    await nc.close();
    throw error;
  }

  let connected = true;
  const reconnectListeners = new Set<() => void>();
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') connected = false;
      if (status.type === 'reconnect') connected = true;
      logStatus(logger, options.name, status);
      if (status.type === 'reconnect') for (const listener of reconnectListeners) listener();
    }
  })();
  let closing: Promise<void> | undefined;

  logger.info({ servers, name: options.name, namespace: options.namespace }, 'bus connected');
  return {
    nc,
    js: jetstream(nc),
    jsm,
    name: options.name,
    namespace: options.namespace,
    logger,
    metrics: options.metrics,
    isConnected: () => connected && !nc.isClosed(),
    onReconnect: (listener) => {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    close: () => {
      closing ??= (async () => {
        connected = false;
        if (!nc.isClosed()) await nc.drain();
        logger.info({ name: options.name }, 'bus closed');
      })();
      return closing;
    },
  };
}

/**
 * Resolves when a NATS server at `servers` accepts a connection and answers JetStream within
 * `timeoutMs`; throws {@link BusUnavailableError} saying what to check otherwise. The connection is
 * closed again: a service waits on this before it connects for good (see {@link connectBus}).
 */
export async function probeBus(servers: BusOptions['servers'], timeoutMs = 2_000): Promise<void> {
  const list = serverList(servers);
  if (list.length === 0) throw new BusConfigurationError('no NATS server given');
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: list,
      timeout: timeoutMs,
      reconnect: false,
      noAsyncTraces: true,
    });
  } catch (error) {
    throw new BusUnavailableError(
      `no NATS server answers at ${list.join(', ')} (${errorMessage(error)}): check NATS_URL and ` +
        'that nats-server is running',
      { cause: error },
    );
  }
  try {
    await jetstreamManager(nc, { timeout: timeoutMs });
  } catch (error) {
    throw new BusUnavailableError(
      `NATS at ${list.join(', ')} answers but JetStream does not (${errorMessage(error)}): ` +
        'start nats-server with -js',
      { cause: error },
    );
  } finally {
    await nc.close().catch(() => undefined);
  }
}

const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

function logStatus(logger: BusLogger, name: string, status: Status): void {
  switch (status.type) {
    case 'disconnect':
      logger.warn({ name, server: status.server }, 'NATS disconnected; reconnecting');
      return;
    case 'reconnect':
      logger.info({ name, server: status.server }, 'NATS reconnected');
      return;
    case 'ldm':
      logger.warn({ name, server: status.server }, 'NATS server entering lame duck mode');
      return;
    case 'error':
      logger.error({ name, ...errorFields(status.error) }, 'NATS connection error');
      return;
    case 'staleConnection':
    case 'forceReconnect':
      logger.warn({ name, status: status.type }, 'NATS connection reset');
      return;
    case 'slowConsumer':
      logger.warn(
        { name, subject: status.sub.getSubject(), pending: status.pending },
        'NATS slow consumer',
      );
      return;
    case 'close':
      logger.debug({ name }, 'NATS connection closed');
      return;
    case 'reconnecting':
    case 'update':
    case 'ping':
      return;
  }
}
