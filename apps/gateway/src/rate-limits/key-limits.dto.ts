import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';

/** Absent: unchanged (a new key: the default); null: back to the default; else checked. */
const OptionalOrNull = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null);

/** Upper bounds: larger values are more likely typos than intents. */
export const MAX_REQUESTS_PER_MINUTE = 600_000;
export const MAX_BURST = 100_000;
export const MAX_PROJECTS_IN_FLIGHT = 1_000_000;

/**
 * A key's own limits (`POST /v1/api-keys` `limits`, `PATCH /v1/api-keys/:id/limits`). Each field
 * left out keeps its value; `null` returns it to the gateway's default.
 */
export class KeyLimitsDto {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: MAX_REQUESTS_PER_MINUTE,
    description: 'API requests per minute; 0: no limit; null: GATEWAY_RATE_LIMIT_PER_MINUTE',
  })
  @OptionalOrNull()
  @IsInt()
  @Min(0)
  @Max(MAX_REQUESTS_PER_MINUTE)
  requestsPerMinute?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_BURST,
    description: 'Requests allowed at once; null: GATEWAY_RATE_LIMIT_BURST',
  })
  @OptionalOrNull()
  @IsInt()
  @Min(1)
  @Max(MAX_BURST)
  burst?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: MAX_PROJECTS_IN_FLIGHT,
    description: 'Unfinished projects; 0: no limit; null: GATEWAY_PROJECTS_IN_FLIGHT_PER_KEY',
  })
  @OptionalOrNull()
  @IsInt()
  @Min(0)
  @Max(MAX_PROJECTS_IN_FLIGHT)
  projectsInFlight?: number | null;
}
