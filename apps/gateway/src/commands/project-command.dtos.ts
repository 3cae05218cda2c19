import { PatternId, STAGE_IDS, type StageId } from '@agentbus/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString } from 'class-validator';
import { MatchesContract } from '../http/validation/contract-schema.validators';
import { Optional, Required } from '../http/validation/optional.decorator';
import { IsText, MaxChars } from '../http/validation/text.validators';
import { PATTERN_ID_MESSAGE } from '../projects/project-template.checker';
import { ProjectLinksView } from '../projects/project.views';

/** `POST /v1/projects/:id/cancel`. */
export class CancelProjectDto {
  @ApiPropertyOptional({ maxLength: 2_000 })
  @Optional()
  @IsString()
  @MaxChars(2_000)
  @IsText()
  reason?: string;
}

/** `POST /v1/projects/:id/restart`. */
export class RestartProjectDto {
  @ApiProperty({
    enum: STAGE_IDS,
    description: 'Re-run this stage and everything downstream; earlier artifacts are kept',
  })
  @Required()
  @IsIn(STAGE_IDS)
  fromStage!: StageId;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 200,
    example: ['artifact-0193a000-0000-7000-8000-000000000042'],
    description:
      'Memory pattern ids (as the artifacts list them under memory.patternIds) no agent of this project may see from now on; added to earlier exclusions',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MatchesContract(PatternId, { each: true, message: `each ${PATTERN_ID_MESSAGE}` })
  excludePatterns?: string[];
}

/** `202`: the command is on the bus; the project's state shows when the orchestrator applied it. */
export class CommandAcceptedView {
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ enum: ['accepted'] }) status!: 'accepted';
  @ApiProperty({
    format: 'uuid',
    description: 'Envelope id; a retry of the same command reuses it',
  })
  messageId!: string;
  @ApiProperty({ type: () => ProjectLinksView }) links!: ProjectLinksView;
}
