import { Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { ApiController } from '../auth/api-controller.decorator';
import { Roles } from '../auth/roles.decorator';
import { ProjectIdParams } from '../projects/project-id.params';
import { AuditQuery } from './audit.query';
import { AuditService } from './audit.service';
import { AuditPageView } from './audit.views';

@ApiController('projects', 'audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get(':id/audit')
  @Roles('viewer')
  @ApiOperation({
    summary: 'Who did what when to a project, oldest first',
    description:
      'Submission, gate decisions with their comments (budget raises among them), cancel and restart, and approvals a restart superseded (the gate asks again), each with its actor and time; oldest first, ordered by time then id.',
  })
  @ApiOkResponse({ type: AuditPageView })
  @ApiBadRequestResponse({ description: 'Bad id, cursor or limit, or an unknown query field' })
  @ApiNotFoundResponse({ description: 'Unknown project' })
  list(@Param() { id }: ProjectIdParams, @Query() query: AuditQuery): Promise<AuditPageView> {
    return this.audit.page(id, query);
  }
}
