import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { ProjectCommandLog } from './project-command-log.repository';

/** A project's audit trail, and the log of command senders it reads besides the read models. */
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditRepository, ProjectCommandLog],
  exports: [ProjectCommandLog],
})
export class AuditModule {}
