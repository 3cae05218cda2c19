import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { Optional } from '../http/validation/optional.decorator';

export class ArtifactParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;

  @ApiProperty({ example: 'prd' })
  @IsString()
  @MaxLength(100)
  stage!: string;
}

export class ArtifactQuery {
  @ApiPropertyOptional({
    minimum: 1,
    description: 'Any stored version; default: the one the orchestrator accepted for the stage',
  })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}
