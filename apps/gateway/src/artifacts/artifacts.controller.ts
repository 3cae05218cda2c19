import { Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
} from '@nestjs/swagger';
import { type HttpRequest, type HttpResponse } from '../http/express.types';
import { ApiController } from '../auth/api-controller.decorator';
import { Roles } from '../auth/roles.decorator';
import { HttpProblemError } from '../http/problem/problem.errors';
import { ProjectIdParams } from '../projects/project-id.params';
import { ArtifactParams, ArtifactQuery } from './artifact.params';
import { ArtifactListView, ArtifactView } from './artifact.views';
import { ArtifactQueriesService } from './artifact-queries.service';
import { artifactMarkdown, artifactView } from './artifact-view.mapper';

const JSON_TYPE = 'application/json';
const MARKDOWN_TYPE = 'text/markdown';

@ApiController('projects', 'artifacts')
export class ArtifactsController {
  constructor(private readonly artifacts: ArtifactQueriesService) {}

  @Get(':id/artifacts')
  @Roles('viewer')
  @ApiOperation({ summary: "The latest version of each stage's artifact (metadata)" })
  @ApiOkResponse({ type: ArtifactListView })
  @ApiNotFoundResponse({ description: 'Unknown project' })
  list(@Param() { id }: ProjectIdParams): Promise<ArtifactListView> {
    return this.artifacts.latest(id);
  }

  @Get(':id/artifacts/:stage')
  @Roles('viewer')
  @ApiOperation({ summary: 'One artifact: JSON (metadata + body) or raw markdown, by Accept' })
  @ApiProduces(JSON_TYPE, MARKDOWN_TYPE)
  @ApiOkResponse({ type: ArtifactView, description: 'JSON, or text/markdown when asked for' })
  @ApiNotFoundResponse({ description: 'Unknown project, stage or version' })
  @ApiResponse({ status: 406, description: 'Accept allows neither JSON nor markdown' })
  async one(
    @Param() { id, stage }: ArtifactParams,
    @Query() { version }: ArtifactQuery,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<ArtifactView | string> {
    const wanted = request.accepts(JSON_TYPE, MARKDOWN_TYPE);
    if (wanted === false) {
      throw new HttpProblemError(
        406,
        'not-acceptable',
        `Ask for ${JSON_TYPE} or ${MARKDOWN_TYPE}.`,
      );
    }
    const row = await this.artifacts.one(id, stage, version);
    response.vary('Accept');
    if (wanted === JSON_TYPE) return artifactView(id, row);
    response.type(`${MARKDOWN_TYPE}; charset=utf-8`);
    return artifactMarkdown(row);
  }
}
