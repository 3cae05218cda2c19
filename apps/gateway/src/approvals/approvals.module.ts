import { Module } from '@nestjs/common';
import { ApprovalRepository } from './approval.repository';
import { ApprovalsController } from './approvals.controller';
import { DecideApprovalService } from './decide-approval.service';
import { DecisionRepository } from './decision.repository';

/** Human decisions at gates. */
@Module({
  controllers: [ApprovalsController],
  providers: [DecideApprovalService, ApprovalRepository, DecisionRepository],
})
export class ApprovalsModule {}
