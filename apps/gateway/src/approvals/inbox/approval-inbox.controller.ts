import { Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiController } from '../../auth/api-controller.decorator';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { type Principal } from '../../auth/principal';
import { Roles } from '../../auth/roles.decorator';
import { ApprovalInboxQuery } from './approval-inbox.query';
import { ApprovalInboxService } from './approval-inbox.service';
import { InboxPageView } from './approval-inbox.views';

@ApiController('approvals', 'approvals')
export class ApprovalInboxController {
  constructor(private readonly inbox: ApprovalInboxService) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({
    summary: "The reviewers' inbox: gates across projects, newest opened first",
    description:
      'state=open (default): gates waiting for a decision, with who may act and the artifact to read; decided: decided ones (a decision accepted but not applied yet shows as decision_pending); superseded: approvals a restart made obsolete. Any role may read; approver and admin may decide.',
  })
  @ApiOkResponse({ type: InboxPageView })
  @ApiBadRequestResponse({ description: 'Bad state, cursor or limit, or an unknown query field' })
  list(
    @Query() query: ApprovalInboxQuery,
    @CurrentPrincipal() caller: Principal,
  ): Promise<InboxPageView> {
    return this.inbox.page(query, caller);
  }
}
