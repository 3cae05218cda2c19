import { Body, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { type HttpResponse } from '../http/express.types';
import { ApiController } from '../auth/api-controller.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { CreateProjectDto } from './create-project.dto';
import { parseIdempotencyKey } from './idempotency-key.util';
import { ListProjectsQuery } from './list-projects.query';
import { ProjectDetailView } from './project-detail.views';
import { ProjectIdParams } from './project-id.params';
import { ProjectQueriesService } from './project-queries.service';
import { ProjectCreatedView, ProjectPageView } from './project.views';
import { SubmitProjectService } from './submit-project.service';

@ApiController('projects', 'projects')
export class ProjectsController {
  constructor(
    private readonly submissions: SubmitProjectService,
    private readonly queries: ProjectQueriesService,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('requester')
  @ApiOperation({ summary: 'Submit requirements for a new project' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body within 24 h: the same answer, no second project',
  })
  @ApiAcceptedResponse({
    type: ProjectCreatedView,
    headers: { Location: { description: 'The project' } },
  })
  @ApiBadRequestResponse({
    description: 'Invalid body: empty, too long, not UTF-8, unknown fields',
  })
  @ApiUnprocessableEntityResponse({ description: 'Idempotency-Key reused with another body' })
  async create(
    @Body() body: CreateProjectDto,
    @CurrentPrincipal() by: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<ProjectCreatedView> {
    const { view, replayed } = await this.submissions.submit(body, by, parseIdempotencyKey(key));
    response.location(view.links.self);
    if (replayed) response.setHeader('Idempotent-Replayed', 'true');
    return view;
  }

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: "List the projects of the caller's workspaces, newest first" })
  @ApiOkResponse({ type: ProjectPageView })
  list(
    @Query() query: ListProjectsQuery,
    @CurrentPrincipal() caller: Principal,
  ): Promise<ProjectPageView> {
    return this.queries.page(query, caller);
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'A project with its stages, gates, usage and budget' })
  @ApiOkResponse({ type: ProjectDetailView })
  @ApiNotFoundResponse({ description: 'Unknown project' })
  get(@Param() { id }: ProjectIdParams): Promise<ProjectDetailView> {
    return this.queries.get(id);
  }
}
