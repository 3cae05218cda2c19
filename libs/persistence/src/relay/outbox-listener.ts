import { Client, type ClientConfig } from 'pg';
import { type RelayLogger } from './relay-logger';

const RECONNECT_DELAY_MS = 2_000;

/**
 * Holds a dedicated connection that LISTENs on the outbox channel and calls `onNotify` for every
 * commit that wrote outbox rows. Reconnects after losing the connection (the relay keeps polling
 * meanwhile) and calls `onNotify` once connected, to catch up on commits it could not hear.
 */
export class OutboxListener {
  private client: Client | undefined;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly logger: RelayLogger,
  ) {}

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
    const client = new Client(this.config);
    client.on('notification', () => this.onNotify());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, undefined));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      this.logger.warn(`outbox listener cannot connect (${reasonOf(error)}); polling meanwhile`);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.onNotify();
  }

  private lost(client: Client, error: unknown): void {
    if (this.client !== client) return; // already replaced, or stopped on purpose
    this.client = undefined;
    client.end().catch(() => undefined);
    this.logger.warn(`outbox listener lost its connection (${reasonOf(error)}); reconnecting`);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer !== undefined) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, RECONNECT_DELAY_MS);
  }
}

const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error ?? 'connection ended');
