import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ProjectDeletionModule } from '../project-deletion/project-deletion.module';
import { ProjectCommandsController } from './project-commands.controller';
import { ProjectCommandsService } from './project-commands.service';

/** Cancel and restart a project. */
@Module({
  imports: [AuditModule, ProjectDeletionModule],
  controllers: [ProjectCommandsController],
  providers: [ProjectCommandsService],
})
export class CommandsModule {}
