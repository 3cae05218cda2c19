import { DECISIONS, type Decision, GATE_IDS } from '@agentbus/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsPositive,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Optional, Required } from '../http/validation/optional.decorator';
import { IsText, MaxChars } from '../http/validation/text.validators';
import { BudgetDto } from '../projects/project-options.dto';
import { ProjectLinksView } from '../projects/project.views';

/** `:id` and `:gate` of `POST /v1/projects/:id/approvals/:gate`. */
export class ApprovalParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;

  @ApiProperty({ enum: GATE_IDS })
  @IsString()
  @MaxLength(100)
  gate!: string;
}

/** A human decision at a gate; the decision is an enum, the comment is data. */
export class DecideApprovalDto {
  @ApiProperty({ enum: DECISIONS })
  @Required()
  @IsIn(DECISIONS)
  decision!: Decision;

  @ApiPropertyOptional({ maxLength: 20_000, description: 'Required for request_changes' })
  @Optional()
  @IsString()
  @MaxChars(20_000)
  @IsText()
  comment?: string;

  @ApiPropertyOptional({
    minimum: 1,
    description: 'The attempt being decided; refused if not open',
  })
  @Optional()
  @IsInt()
  @IsPositive()
  attempt?: number;

  @ApiPropertyOptional({ type: () => BudgetDto, description: 'budget_exceeded + approve only' })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => BudgetDto)
  raiseBudget?: BudgetDto;
}

/** `202`: the decision is on the bus. */
export class DecisionAcceptedView {
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ format: 'uuid' }) approvalId!: string;
  @ApiProperty() gate!: string;
  @ApiProperty() attempt!: number;
  @ApiProperty({ enum: DECISIONS }) decision!: Decision;
  @ApiProperty({ enum: ['accepted'] }) status!: 'accepted';
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty({ type: () => ProjectLinksView }) links!: ProjectLinksView;
}
