import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '../http/validation/optional.decorator';
import { parseDecimalInteger } from '../http/validation/parse-decimal-integer.util';

export class ArtifactParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;

  @ApiProperty({ example: 'prd' })
  @IsString()
  @MaxLength(100)
  stage!: string;
}

// Versions are Postgres `int` (the query casts `$3::int`): a larger one would fail there, a 500.
const MAX_VERSION = 2_147_483_647;

export class ArtifactQuery {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_VERSION,
    description: 'Any stored version; default: the one the orchestrator accepted for the stage',
  })
  @Optional()
  // Plain decimal only (`@Type(() => Number)` read `0x10` as 16); anything else fails @IsInt.
  @Transform(({ value }: { value: unknown }) => parseDecimalInteger(value) ?? value)
  @IsInt()
  @Min(1)
  @Max(MAX_VERSION)
  version?: number;
}
