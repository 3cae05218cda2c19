import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ApprovalRepository } from './approval.repository';
import { ApprovalsController } from './approvals.controller';
import { DecideApprovalService } from './decide-approval.service';
import { DecisionRepository } from './decision.repository';
import { ApprovalInboxController } from './inbox/approval-inbox.controller';
import { ApprovalInboxRepository } from './inbox/approval-inbox.repository';
import { ApprovalInboxService } from './inbox/approval-inbox.service';

/** Human decisions at gates, and the reviewers' inbox of gates across projects. */
@Module({
  imports: [AuditModule],
  controllers: [ApprovalsController, ApprovalInboxController],
  providers: [
    DecideApprovalService,
    ApprovalRepository,
    DecisionRepository,
    ApprovalInboxService,
    ApprovalInboxRepository,
  ],
})
export class ApprovalsModule {}
