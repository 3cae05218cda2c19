import { Module } from '@nestjs/common';
import { EstimatesModule } from '../estimates/estimates.module';
import { AdmissionService } from './admission.service';
import { IdempotencyRepository } from './idempotency.repository';
import { ProjectDetailRepository } from './project-detail.repository';
import { ProjectListRepository } from './project-list.repository';
import { ProjectQueriesService } from './project-queries.service';
import { ProjectTemplateChecker } from './project-template.checker';
import { ProjectsController } from './projects.controller';
import { SubmissionRepository } from './submission.repository';
import { SubmitProjectService } from './submit-project.service';

/** Submit, list and read projects. */
@Module({
  imports: [EstimatesModule],
  controllers: [ProjectsController],
  providers: [
    SubmitProjectService,
    ProjectTemplateChecker,
    AdmissionService,
    IdempotencyRepository,
    SubmissionRepository,
    ProjectQueriesService,
    ProjectListRepository,
    ProjectDetailRepository,
  ],
})
export class ProjectsModule {}
