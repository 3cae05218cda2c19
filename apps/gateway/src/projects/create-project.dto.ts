import { PatternId } from '@agentbus/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsString, Matches, ValidateNested } from 'class-validator';
import { MatchesContract } from '../http/validation/contract-schema.validators';
import { Optional, Required } from '../http/validation/optional.decorator';
import { IsNotBlank, IsText, MaxChars } from '../http/validation/text.validators';
import { WORKSPACE_PATTERN } from '../workspaces/workspace';
import { PATTERN_ID_MESSAGE } from './project-template.checker';
import { ProjectOptionsDto } from './project-options.dto';

/** `POST /v1/projects`: mapped to the `ProjectSubmittedV1` command. */
export class CreateProjectDto {
  @ApiProperty({ example: 'Weather dashboard', maxLength: 200 })
  @Required()
  @IsString()
  @IsNotBlank()
  @MaxChars(200)
  @IsText()
  @Matches(/^[^\r\n\t]*$/, { message: 'must be a single line' })
  name!: string;

  @ApiProperty({
    description: 'The software requirements, as text or markdown (at most 200 000 characters)',
    maxLength: 200_000,
  })
  @Required()
  @IsString()
  @IsNotBlank()
  @MaxChars(200_000)
  @IsText()
  requirements!: string;

  @ApiPropertyOptional({ type: () => ProjectOptionsDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProjectOptionsDto)
  options?: ProjectOptionsDto;

  @ApiPropertyOptional({
    example: 'team-a',
    description:
      "The workspace the project belongs to; required when the key acts in several (or is an operator's, else `default`)",
  })
  @Optional()
  @IsString()
  @Matches(WORKSPACE_PATTERN, {
    message: 'must be a lower-case slug (a-z, 0-9, "-"; 1-63 characters)',
  })
  workspace?: string;

  @ApiPropertyOptional({
    example: 'template-rest-api',
    description:
      'A memory pattern of type template (GET /v1/memory/templates) every agent of the project reads first; unknown: 422, memory down: 503',
  })
  @Optional()
  @IsString()
  @MatchesContract(PatternId, { message: PATTERN_ID_MESSAGE })
  templateId?: string;
}
