import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { GpuPreference } from '@agentbus/contracts';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsPositive,
  ValidateNested,
} from 'class-validator';
import { Optional } from '../http/validation/optional.decorator';
import { GateTimeoutsDto } from './gate-timeouts.dto';

/** Which configurable gates pause the project for a human decision. */
export class GatesDto {
  @ApiPropertyOptional({ default: true, description: 'Approve the PRD before the rest runs' })
  @Optional()
  @IsBoolean()
  prd_approval?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Approve before delivery' })
  @Optional()
  @IsBoolean()
  delivery_approval?: boolean;
}

/** Limits that pause the project at the `budget_exceeded` gate instead of overspending. */
export class BudgetDto {
  @ApiPropertyOptional({ minimum: 1 })
  @Optional()
  @IsInt()
  @IsPositive()
  maxTokens?: number;

  @ApiPropertyOptional({ exclusiveMinimum: true, minimum: 0, example: 2.5 })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  maxCostUsd?: number;
}

export class ProjectOptionsDto {
  @ApiPropertyOptional({ type: () => GatesDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => GatesDto)
  gates?: GatesDto;

  @ApiPropertyOptional({ type: () => BudgetDto, description: 'maxTokens, maxCostUsd or both' })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => BudgetDto)
  budget?: BudgetDto;

  @ApiPropertyOptional({
    type: () => GateTimeoutsDto,
    description:
      'What happens when nobody decides a gate in time; a gate left out gets the orchestrator default (ORCH_GATE_TIMEOUT_S), null waits for a human',
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => GateTimeoutsDto)
  gateTimeouts?: GateTimeoutsDto;

  @ApiPropertyOptional({
    enum: GpuPreference.options,
    default: 'auto',
    description:
      'Where ML work runs: auto lets the ML detector decide (ml_feasibility on a GPU for ML projects), force always runs it, forbid never does',
  })
  @Optional()
  @IsIn(GpuPreference.options, { message: `must be one of ${GpuPreference.options.join(', ')}` })
  gpu?: GpuPreference;
}
