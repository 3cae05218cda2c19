import { Body, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { ApiController } from '../auth/api-controller.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ApprovalParams, DecideApprovalDto, DecisionAcceptedView } from './decide-approval.dto';
import { DecideApprovalService } from './decide-approval.service';

@ApiController('projects', 'approvals')
export class ApprovalsController {
  constructor(private readonly approvals: DecideApprovalService) {}

  @Post(':id/approvals/:gate')
  @HttpCode(202)
  @Roles('approver')
  @ApiOperation({ summary: 'Approve, reject or request changes at an open gate' })
  @ApiAcceptedResponse({ type: DecisionAcceptedView })
  @ApiBadRequestResponse({ description: 'Invalid decision (e.g. request_changes without comment)' })
  @ApiNotFoundResponse({ description: 'Unknown project or gate name' })
  @ApiConflictResponse({
    description: 'The gate is not open (closed, decided, or another attempt)',
  })
  decide(
    @Param() { id, gate }: ApprovalParams,
    @Body() body: DecideApprovalDto,
    @CurrentPrincipal() by: Principal,
  ): Promise<DecisionAcceptedView> {
    return this.approvals.decide(id, gate, body, by);
  }
}
