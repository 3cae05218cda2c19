import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { KeyLimitsDto } from '../rate-limits/key-limits.dto';
import { KeyLimitOverridesView, KeyLimitsView } from '../rate-limits/key-limits.views';
import { type Role, ROLES } from './role';
import { Optional, Required } from '../http/validation/optional.decorator';
import { KEY_WORKSPACE_PATTERN } from '../workspaces/workspace';

/** Most workspaces one key may act in (`*` is one entry and stands for all). */
export const MAX_KEY_WORKSPACES = 50;

/** Ten years: a longer lifetime is more likely a unit mistake (milliseconds) than an intent. */
export const MAX_KEY_TTL_S = 315_360_000;
/** Thirty days: the longest a rotated key's old secret may keep working. */
export const MAX_GRACE_S = 2_592_000;

/** When a new key stops working: at `expiresAt`, or `ttlSeconds` after it is made (not both). */
export class KeyExpiryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'In the future; not with ttlSeconds' })
  @Optional()
  @IsString()
  @IsISO8601({ strict: true, strictSeparator: true })
  expiresAt?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_KEY_TTL_S, description: 'Not with expiresAt' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(MAX_KEY_TTL_S)
  ttlSeconds?: number;
}

/** `POST /v1/api-keys`; without expiresAt or ttlSeconds the key works until revoked. */
export class CreateApiKeyDto extends KeyExpiryDto {
  @ApiProperty({ example: 'ci-pipeline', description: 'Recorded as submittedBy / decidedBy' })
  @Required()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/, {
    message: 'must be 1-100 letters, digits, ".", "_", "@" or "-", starting with a letter or digit',
  })
  name!: string;

  @ApiProperty({ enum: ROLES })
  @Required()
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({
    type: [String],
    example: ['team-a'],
    description:
      "Workspaces the key sees and acts in (lower-case slugs); absent: the creating key's own " +
      '(`default` for an operator). Only an operator key (`*`) may name a workspace it is not ' +
      'in, or `*` (an operator key)',
  })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_KEY_WORKSPACES)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(KEY_WORKSPACE_PATTERN, {
    each: true,
    message: 'each must be "*" or a lower-case slug (a-z, 0-9, "-"; 1-63 characters)',
  })
  workspaces?: string[];

  @ApiPropertyOptional({
    type: () => KeyLimitsDto,
    description: 'Request rate and projects in flight for this key; absent: the defaults',
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => KeyLimitsDto)
  limits?: KeyLimitsDto;
}

/**
 * `POST /v1/api-keys/:id/rotate`. The successor's expiry: expiresAt or ttlSeconds, else the old
 * key's lifetime again when it had one.
 */
export class RotateApiKeyDto extends KeyExpiryDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_GRACE_S,
    description: 'How long the old key keeps working (default GATEWAY_KEY_ROTATION_GRACE_S)',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(MAX_GRACE_S)
  graceSeconds?: number;
}

/** The new key, shown once; only its hash is stored. */
export class ApiKeyCreatedView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String], description: 'Where it sees and acts; "*": every workspace' })
  workspaces!: string[];
  @ApiProperty({ description: 'The secret; it cannot be shown again' }) key!: string;
  @ApiProperty({ description: 'How the key is listed (first 12 hex digits of its SHA-256)' })
  fingerprint!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiProperty({ type: () => KeyLimitsView }) limits!: KeyLimitsView;
  @ApiProperty({ type: () => KeyLimitOverridesView }) limitOverrides!: KeyLimitOverridesView;
}

/** The rotated key's end of grace, beside its successor. */
export class RotatedKeyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time', description: 'The old key works until then' })
  graceUntil!: string;
}

/** `POST /v1/api-keys/:id/rotate`: the successor (secret shown once) and the old key's grace. */
export class ApiKeyRotatedView extends ApiKeyCreatedView {
  @ApiProperty({ type: () => RotatedKeyView }) replaces!: RotatedKeyView;
}
