import { Global, Module } from '@nestjs/common';
import { AdminKeyBootstrapService } from './admin-key-bootstrap.service';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeysController } from './api-keys.controller';
import { CachedApiKeys } from './cached-api-keys.service';
import { SsoModule } from './sso/sso.module';

/** API keys (hashed at rest, active ones trusted for a second), the guard every `/v1` route is behind, and the admin bootstrap. */
@Global()
@Module({
  imports: [SsoModule],
  controllers: [ApiKeysController],
  providers: [ApiKeyRepository, CachedApiKeys, ApiKeyGuard, AdminKeyBootstrapService],
  exports: [ApiKeyRepository, CachedApiKeys, ApiKeyGuard, SsoModule],
})
export class AuthModule {}
