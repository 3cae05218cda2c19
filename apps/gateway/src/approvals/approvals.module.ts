import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ApprovalRepository } from './approval.repository';
import { ApprovalsController } from './approvals.controller';
import { DecideApprovalService } from './decide-approval.service';
import { DecisionRepository } from './decision.repository';

/** Human decisions at gates. */
@Module({
  imports: [AuditModule],
  controllers: [ApprovalsController],
  providers: [DecideApprovalService, ApprovalRepository, DecisionRepository],
})
export class ApprovalsModule {}
