import { ApiProperty } from '@nestjs/swagger';
import { type KeyLimitOverrides, type KeyLimits } from './key-limits';

/** The limits a key works under now. */
export class KeyLimitsView implements KeyLimits {
  @ApiProperty({ description: 'API requests per minute (all replicas); 0: no limit' })
  requestsPerMinute!: number;
  @ApiProperty({ description: 'Requests allowed at once after a quiet spell' })
  burst!: number;
  @ApiProperty({ description: 'Unfinished projects before submissions get 429; 0: no limit' })
  projectsInFlight!: number;
}

/** What the key sets itself; null: the gateway's default (GATEWAY_RATE_LIMIT_*, …). */
export class KeyLimitOverridesView implements KeyLimitOverrides {
  @ApiProperty({ type: Number, nullable: true }) requestsPerMinute!: number | null;
  @ApiProperty({ type: Number, nullable: true }) burst!: number | null;
  @ApiProperty({ type: Number, nullable: true }) projectsInFlight!: number | null;
}
