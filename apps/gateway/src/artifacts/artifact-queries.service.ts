import { PIPELINE_ORDER, pipelinePosition } from '@agentbus/contracts';
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../http/problem/problem.errors';
import { ProjectLookupRepository } from '../read-model/project-lookup.repository';
import { unknownProject } from '../read-model/project.errors';
import { type ArtifactRow, ArtifactRepository } from './artifact.repository';
import { type ArtifactListView } from './artifact.views';
import { latestArtifactView } from './artifact-view.mapper';

/** Finds artifacts: 404 for an unknown project, stage name, or version. */
@Injectable()
export class ArtifactQueriesService {
  constructor(
    private readonly projects: ProjectLookupRepository,
    private readonly artifacts: ArtifactRepository,
  ) {}

  async latest(projectId: string): Promise<ArtifactListView> {
    await this.assertProject(projectId);
    const rows = await this.artifacts.latestPerStage(projectId);
    rows.sort((a, b) => pipelinePosition(a.stage) - pipelinePosition(b.stage));
    return { items: rows.map((row) => latestArtifactView(projectId, row)) };
  }

  async one(projectId: string, stage: string, version: number | undefined): Promise<ArtifactRow> {
    if (!(PIPELINE_ORDER as readonly string[]).includes(stage)) {
      throw new NotFoundError(
        'stage-not-found',
        `There is no stage "${stage}"; stages are ${PIPELINE_ORDER.join(', ')}.`,
      );
    }
    await this.assertProject(projectId);
    const row = await this.artifacts.one(projectId, stage, version);
    if (row !== undefined) return row;
    const which = version === undefined ? 'no artifact yet' : `no version ${version}`;
    throw new NotFoundError(
      'artifact-not-found',
      `The ${stage} stage of this project has ${which}.`,
    );
  }

  private async assertProject(projectId: string): Promise<void> {
    if ((await this.projects.status(projectId)) === undefined) throw unknownProject(projectId);
  }
}
