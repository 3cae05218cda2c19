import { PROJECT_STATES, type ProjectState } from '@agentbus/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '../http/validation/optional.decorator';

/** Largest page `GET /v1/projects` returns. */
export const MAX_PAGE_SIZE = 100;

/** Query of `GET /v1/projects`. */
export class ListProjectsQuery {
  @ApiPropertyOptional({ enum: PROJECT_STATES })
  @Optional()
  @IsIn(PROJECT_STATES)
  state?: ProjectState;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @Optional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}
