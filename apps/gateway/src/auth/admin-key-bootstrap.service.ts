import { AppLogger } from '@agentbus/observability';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { ApiKeyRepository } from './api-key.repository';
import { apiKeyHash } from './api-key-secret.util';

/** Name of the admin key that `GATEWAY_ADMIN_API_KEY` provides. */
export const BOOTSTRAP_ADMIN_NAME = 'bootstrap-admin';

/** At start, makes `GATEWAY_ADMIN_API_KEY` (when set) a valid admin key, so the first keys can be made. */
@Injectable()
export class AdminKeyBootstrapService implements OnApplicationBootstrap {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly keys: ApiKeyRepository,
    private readonly logger: AppLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const secret = this.config.GATEWAY_ADMIN_API_KEY;
    if (secret === undefined) {
      this.logger.pino.info('GATEWAY_ADMIN_API_KEY is not set: no bootstrap admin key');
      return;
    }
    await this.keys.upsertBootstrapAdmin(BOOTSTRAP_ADMIN_NAME, apiKeyHash(secret));
    this.logger.pino.info({ name: BOOTSTRAP_ADMIN_NAME }, 'bootstrap admin API key is active');
  }
}
