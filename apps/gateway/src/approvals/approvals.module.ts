import { Module } from '@nestjs/common';
import { ApprovalRepository } from './approval.repository';
import { ApprovalsController } from './approvals.controller';
import { DecideApprovalService } from './decide-approval.service';

/** Human decisions at gates. */
@Module({
  controllers: [ApprovalsController],
  providers: [DecideApprovalService, ApprovalRepository],
})
export class ApprovalsModule {}
