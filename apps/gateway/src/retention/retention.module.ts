import { Module } from '@nestjs/common';
import { GatewayRetentionService } from './gateway-retention.service';

/** Periodic pruning of the gateway's own tables. */
@Module({ providers: [GatewayRetentionService] })
export class RetentionModule {}
