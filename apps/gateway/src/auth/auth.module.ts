import { Global, Module } from '@nestjs/common';
import { AdminKeyBootstrapService } from './admin-key-bootstrap.service';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeysController } from './api-keys.controller';

/** API keys (hashed at rest), the guard every `/v1` route is behind, and the admin bootstrap. */
@Global()
@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeyRepository, ApiKeyGuard, AdminKeyBootstrapService],
  exports: [ApiKeyRepository, ApiKeyGuard],
})
export class AuthModule {}
