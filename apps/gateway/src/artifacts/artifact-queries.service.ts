import { PIPELINE_ORDER, pipelinePosition } from '@agentbus/contracts';
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../http/problem/problem.errors';
import { unknownProject } from '../read-model/project.errors';
import { type ArtifactMetaRow, type ArtifactRow, ArtifactRepository } from './artifact.repository';
import { type ArtifactListView } from './artifact.views';
import { acceptedArtifactView, listedArtifactView } from './artifact-view.mapper';

const inPipelineOrder = (a: ArtifactMetaRow, b: ArtifactMetaRow): number =>
  pipelinePosition(a.stage) - pipelinePosition(b.stage) || b.version - a.version;

/**
 * Finds artifacts: by default the version the orchestrator accepted for the stage, any version by
 * number. 404 for an unknown project, stage name or version, or a stage with no accepted version.
 */
@Injectable()
export class ArtifactQueriesService {
  constructor(private readonly artifacts: ArtifactRepository) {}

  async list(projectId: string): Promise<ArtifactListView> {
    const { known, versions } = await this.artifacts.list(projectId);
    if (!known) throw unknownProject(projectId);
    const rows = [...versions].sort(inPipelineOrder);
    const count = (stage: string) => rows.filter((row) => row.stage === stage).length;
    const accepted = rows.filter((row) => row.version === row.accepted_version);
    const acceptedAt = new Map(accepted.map((row) => [row.stage, row.created_at]));
    return {
      items: accepted.map((row) =>
        acceptedArtifactView(projectId, row, count(row.stage), acceptedAt),
      ),
      allVersions: rows.map((row) => listedArtifactView(projectId, row, acceptedAt)),
    };
  }

  async one(projectId: string, stage: string, version: number | undefined): Promise<ArtifactRow> {
    if (!(PIPELINE_ORDER as readonly string[]).includes(stage)) {
      throw new NotFoundError(
        'stage-not-found',
        `There is no stage "${stage}"; stages are ${PIPELINE_ORDER.join(', ')}.`,
      );
    }
    const found = await this.artifacts.one(projectId, stage, version);
    if (!found.known) throw unknownProject(projectId);
    if (found.artifact !== undefined) return found.artifact;
    const missing = (what: string) =>
      new NotFoundError('artifact-not-found', `The ${stage} stage of this project has ${what}.`);
    if (version !== undefined) throw missing(`no version ${version}`);
    if (found.versions === 0) throw missing('no artifact yet');
    if (found.accepted_version !== null) {
      throw missing(`no stored version ${found.accepted_version}, the one accepted`);
    }
    throw new NotFoundError(
      'artifact-not-accepted',
      `The ${stage} stage of this project has no accepted artifact yet (${found.versions} ` +
        `stored, none accepted by the orchestrator for its current run); read one with ?version=N, ` +
        `listed with their acceptance at /v1/projects/${projectId}/artifacts.`,
    );
  }
}
