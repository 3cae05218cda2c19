import { AppLogger } from '@agentbus/observability';
import { pruneInbox, pruneOutbox } from '@agentbus/persistence';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';

const EVERY_MS = 10 * 60_000;

/**
 * Keeps every service's inbox and outbox bounded (DESIGN §17) with the persistence defaults: sent
 * outbox rows after 7 days, inbox rows once no redelivery or replay of their message can arrive.
 * Several replicas pruning at once only race on DELETEs of the same old rows.
 */
@Injectable()
export class InboxOutboxRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.prune(), EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One pass; a failure is logged and retried at the next pass. */
  async prune(): Promise<{ outbox: number; inbox: number }> {
    const deleted = { outbox: 0, inbox: 0 };
    try {
      deleted.outbox = await pruneOutbox(this.db);
      deleted.inbox = await pruneInbox(this.db);
      if (deleted.outbox + deleted.inbox > 0) {
        this.logger.pino.info(deleted, 'retention pruned inbox/outbox rows');
      }
    } catch (error) {
      this.logger.pino.warn({ err: error }, 'inbox/outbox retention failed; retrying later');
    }
    return deleted;
  }
}
