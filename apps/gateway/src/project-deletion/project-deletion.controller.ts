import { Delete, Get, HttpCode, Param } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { ApiController } from '../auth/api-controller.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ProjectIdParams } from '../projects/project-id.params';
import { ProjectDeletionService } from './project-deletion.service';
import { ProjectDeletionView } from './project-deletion.views';

@ApiController('projects', 'projects')
export class ProjectDeletionController {
  constructor(private readonly deletions: ProjectDeletionService) {}

  @Delete(':id')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({
    summary: "Delete a finished project's data everywhere",
    description:
      'Deletes the rows of a completed, failed or cancelled project in every service, its artifacts and the memory derived from it. Answers 202 with the progress; poll `status` until `state` is `deleted` (the project then answers 404). The deletion record (who, when; nothing of the content) stays. Repeating the request answers the same record.',
  })
  @ApiAcceptedResponse({ type: ProjectDeletionView })
  @ApiNotFoundResponse({ description: 'Unknown project' })
  @ApiConflictResponse({
    description: 'The project is queued, running or waiting: cancel it first',
  })
  delete(
    @Param() { id }: ProjectIdParams,
    @CurrentPrincipal() by: Principal,
  ): Promise<ProjectDeletionView> {
    return this.deletions.request(id, by);
  }

  @Get(':id/deletion')
  @Roles('admin')
  @ApiOperation({ summary: "A project deletion's progress and record (who, when)" })
  @ApiOkResponse({ type: ProjectDeletionView })
  @ApiNotFoundResponse({ description: 'The project was never deleted' })
  status(@Param() { id }: ProjectIdParams): Promise<ProjectDeletionView> {
    return this.deletions.status(id);
  }
}
