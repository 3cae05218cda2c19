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
import { ACCEPTANCES, ArtifactListView, ArtifactView } from './artifact.views';
import { acceptanceOf } from './artifact-acceptance.util';
import { ArtifactQueriesService } from './artifact-queries.service';
import { artifactMarkdown, artifactView } from './artifact-view.mapper';

const JSON_TYPE = 'application/json';
const MARKDOWN_TYPE = 'text/markdown';
/** Marks the markdown representation too, which has no metadata of its own. */
const ACCEPTANCE_HEADER = 'Artifact-Acceptance';

@ApiController('projects', 'artifacts')
export class ArtifactsController {
  constructor(private readonly artifacts: ArtifactQueriesService) {}

  @Get(':id/artifacts')
  @Roles('viewer')
  @ApiOperation({
    summary: "Each stage's accepted artifact, and every stored version marked (metadata)",
  })
  @ApiOkResponse({ type: ArtifactListView })
  @ApiNotFoundResponse({ description: 'Unknown project' })
  list(@Param() { id }: ProjectIdParams): Promise<ArtifactListView> {
    return this.artifacts.list(id);
  }

  @Get(':id/artifacts/:stage')
  @Roles('viewer')
  @ApiOperation({
    summary: 'One artifact: JSON (metadata + body) or raw markdown, by Accept',
    description:
      'Without ?version: the version the orchestrator accepted for the stage (stages.artifact), ' +
      'never a newer one a stale attempt wrote; 404 artifact-not-accepted while none is accepted ' +
      '(the stage has not succeeded in its current run). Any stored version by ?version=N, ' +
      'marked with accepted/acceptance (JSON) and the Artifact-Acceptance header.',
  })
  @ApiProduces(JSON_TYPE, MARKDOWN_TYPE)
  @ApiOkResponse({
    type: ArtifactView,
    description: 'JSON, or text/markdown when asked for',
    headers: {
      [ACCEPTANCE_HEADER]: {
        description: 'accepted, superseded or not-accepted',
        schema: { enum: [...ACCEPTANCES] },
      },
    },
  })
  @ApiNotFoundResponse({
    description:
      'Unknown project, stage or version; artifact-not-accepted: versions exist but none is ' +
      'accepted yet (read one by ?version=N)',
  })
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
    response.setHeader(ACCEPTANCE_HEADER, acceptanceOf(row.version, row.accepted_version));
    if (wanted === JSON_TYPE) return artifactView(id, row);
    response.type(`${MARKDOWN_TYPE}; charset=utf-8`);
    return artifactMarkdown(row);
  }
}
