import {
  GATE_TIMEOUT_ACTIONS,
  type GateTimeoutAction,
  MAX_GATE_REMINDERS,
  MAX_GATE_TIMEOUT_SECONDS,
} from '@agentbus/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Optional, Required } from '../http/validation/optional.decorator';

/** One gate's timeout: after `afterSeconds` without a decision, its default action. */
export class GateTimeoutDto {
  @ApiProperty({ minimum: 1, maximum: MAX_GATE_TIMEOUT_SECONDS, example: 86_400 })
  @Required()
  @IsInt()
  @Min(1)
  @Max(MAX_GATE_TIMEOUT_SECONDS)
  afterSeconds!: number;

  @ApiProperty({
    enum: GATE_TIMEOUT_ACTIONS,
    description:
      'approve or reject on the reviewers behalf (recorded as the system actor), or remind: an approval.reminded event every afterSeconds while the gate waits',
  })
  @Required()
  @IsIn(GATE_TIMEOUT_ACTIONS)
  action!: GateTimeoutAction;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_GATE_REMINDERS,
    description: 'remind only: reminders at most (default ORCH_GATE_MAX_REMINDERS), then it waits',
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(MAX_GATE_REMINDERS)
  maxReminders?: number;
}

// `null` is a value here (no timeout, whatever the default): only a missing key is "left out".
const GivenUnlessNull = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null);

/** Timeouts of the configurable gates (the budget gate never times out). */
export class GateTimeoutsDto {
  @ApiPropertyOptional({ type: () => GateTimeoutDto, nullable: true })
  @GivenUnlessNull()
  @IsObject()
  @ValidateNested()
  @Type(() => GateTimeoutDto)
  prd_approval?: GateTimeoutDto | null;

  @ApiPropertyOptional({ type: () => GateTimeoutDto, nullable: true })
  @GivenUnlessNull()
  @IsObject()
  @ValidateNested()
  @Type(() => GateTimeoutDto)
  delivery_approval?: GateTimeoutDto | null;
}
