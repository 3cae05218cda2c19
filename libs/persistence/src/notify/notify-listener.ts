import { Client, type ClientConfig } from 'pg';
import { type RelayLogger } from '../relay/relay-logger';

/** What a {@link NotifyListener} reports. */
export interface NotifySink {
  /** One NOTIFY on the channel, with its payload (`''` when none was given). */
  readonly notified: (payload: string) => void;
  /**
   * The connection is listening (`true`; notifications sent before it may have been missed, so
   * catch up) or was lost (`false`; fall back to polling until it is back).
   */
  readonly listening: (up: boolean) => void;
}

/** Options of a {@link NotifyListener}. */
export interface NotifyListenerOptions {
  readonly client: ClientConfig;
  readonly channel: string;
  readonly logger: RelayLogger;
  /** Wait before reconnecting after a loss or a failed connect; default 2 s. */
  readonly reconnectDelayMs?: number;
}

/**
 * A dedicated connection that LISTENs on one channel and hands each notification's payload on.
 * Reconnects after losing the connection and says so, so the caller polls meanwhile and catches up
 * once it is back (a notification sent while nobody listened is gone).
 */
export class NotifyListener {
  private client: Client | undefined;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: NotifyListenerOptions,
    private readonly sink: NotifySink,
  ) {}

  /** Whether the connection is up and listening. */
  get isListening(): boolean {
    return this.client !== undefined;
  }

  /** Connects and listens; on failure logs and keeps retrying in the background. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  /** Closes the connection and stops reconnecting. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const { channel, logger } = this.options;
    const client = new Client(this.options.client);
    client.on('notification', (message) => {
      if (message.channel === channel) this.sink.notified(message.payload ?? '');
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, undefined));
    try {
      await client.connect();
      await client.query(`LISTEN "${channel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      logger.warn(`listener on ${channel} cannot connect (${reasonOf(error)}); polling meanwhile`);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.sink.listening(true);
  }

  private lost(client: Client, error: unknown): void {
    if (this.client !== client) return; // already replaced, or stopped on purpose
    this.client = undefined;
    client.end().catch(() => undefined);
    const { channel, logger } = this.options;
    logger.warn(`listener on ${channel} lost its connection (${reasonOf(error)}); reconnecting`);
    this.sink.listening(false);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer !== undefined) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, this.options.reconnectDelayMs ?? 2_000);
  }
}

const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error ?? 'connection ended');
