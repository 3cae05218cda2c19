import { ManualPatternId, PatternType } from '@agentbus/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import { MatchesContract, patternOf } from '../http/validation/contract-schema.validators';
import { Optional, Required } from '../http/validation/optional.decorator';
import { IsNotBlank, IsText, MaxChars } from '../http/validation/text.validators';
import { IsPatternMetadata } from './pattern-metadata.validator';

/** `POST /v1/memory/patterns`: a manual pattern, new or replacing the one with its id. */
export class StorePatternDto {
  @ApiPropertyOptional({
    description:
      'Give the id of a manual pattern to update it; left out, a new manual-<uuid> is made',
    pattern: patternOf(ManualPatternId),
    example: 'manual-api-testing',
  })
  @Optional()
  @IsString()
  @MatchesContract(ManualPatternId, {
    message: 'must be manual-<lower-case letters, digits, ".", "_" or "-">',
  })
  id?: string;

  @ApiProperty({ enum: PatternType.options, description: 'The stage the pattern helps' })
  @Required()
  @IsIn(PatternType.options, { message: `must be one of: ${PatternType.options.join(', ')}` })
  type!: PatternType;

  @ApiProperty({ description: 'The text agents read and searches match', maxLength: 20_000 })
  @Required()
  @IsString()
  @IsNotBlank()
  @MaxChars(20_000)
  @IsText()
  text!: string;

  @ApiPropertyOptional({
    description: 'Flat values searches can filter on (at most 20 keys; "source" is reserved)',
    example: { topic: 'api-testing' },
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
  })
  @Optional()
  @IsPatternMetadata()
  metadata?: Record<string, string | number | boolean>;
}
