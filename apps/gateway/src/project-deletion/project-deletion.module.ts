import { Module } from '@nestjs/common';
import { ProjectDataDeletedHandler } from './project-data-deleted.handler';
import { ProjectDeletionController } from './project-deletion.controller';
import { ProjectDeletionRepository } from './project-deletion.repository';
import { ProjectDeletionService } from './project-deletion.service';

/** `DELETE /v1/projects/:id`, its progress, and the services' answers that make it. */
@Module({
  controllers: [ProjectDeletionController],
  providers: [ProjectDeletionService, ProjectDeletionRepository, ProjectDataDeletedHandler],
  exports: [ProjectDeletionRepository],
})
export class ProjectDeletionModule {}
