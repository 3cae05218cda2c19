import { Global, Module } from '@nestjs/common';
import { AdminKeyBootstrapService } from './admin-key-bootstrap.service';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyLifecycleRepository } from './api-key-lifecycle.repository';
import { ApiKeyLifecycleService } from './api-key-lifecycle.service';
import { ApiKeyUsage } from './api-key-usage.service';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeysController } from './api-keys.controller';
import { CachedApiKeys } from './cached-api-keys.service';
import { MeController } from './me.controller';
import { SsoModule } from './sso/sso.module';

/**
 * API keys (hashed at rest, active ones trusted for a second; listed, revoked, rotated, expiring,
 * last use to the minute), the guard every `/v1` route is behind, and the admin bootstrap.
 */
@Global()
@Module({
  imports: [SsoModule],
  controllers: [ApiKeysController, MeController],
  providers: [
    ApiKeyRepository,
    ApiKeyLifecycleRepository,
    ApiKeyLifecycleService,
    ApiKeyUsage,
    CachedApiKeys,
    ApiKeyGuard,
    AdminKeyBootstrapService,
  ],
  exports: [ApiKeyRepository, CachedApiKeys, ApiKeyGuard, SsoModule],
})
export class AuthModule {}
