import { ArtifactsV1, DbNumber } from '@agentbus/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type z } from 'zod';
import { parseRows } from '../read-model/parse-rows.util';
import { ReadModelTables } from '../read-model/read-model.tables';

const ArtifactMetaRow = ArtifactsV1.row.omit({ project_id: true, body: true }).extend({
  /** How many versions the stage has (list only). */
  versions: DbNumber.optional(),
});
export type ArtifactMetaRow = z.infer<typeof ArtifactMetaRow>;

const ArtifactRow = ArtifactsV1.row.omit({ project_id: true });
export type ArtifactRow = z.infer<typeof ArtifactRow>;

const META =
  'id, stage, version, attempt, format, sha256, size_bytes, agent, provider, model, created_at';

/** Reads the CPU worker's `artifacts_v1` view. */
@Injectable()
export class ArtifactRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly tables: ReadModelTables,
  ) {}

  /** The latest version of each stage's artifact, without bodies. */
  async latestPerStage(projectId: string): Promise<ArtifactMetaRow[]> {
    const rows: unknown[] = await this.db.query(
      `SELECT DISTINCT ON (stage) ${META}, count(*) OVER (PARTITION BY stage) AS versions
       FROM ${this.tables.artifacts} WHERE project_id = $1 ORDER BY stage, version DESC`,
      [projectId],
    );
    return parseRows(ArtifactMetaRow, rows);
  }

  /** One version of a stage's artifact (the latest when `version` is undefined). */
  async one(
    projectId: string,
    stage: string,
    version: number | undefined,
  ): Promise<ArtifactRow | undefined> {
    const rows: unknown[] = await this.db.query(
      `SELECT ${META}, body FROM ${this.tables.artifacts}
       WHERE project_id = $1 AND stage = $2 AND ($3::int IS NULL OR version = $3::int)
       ORDER BY version DESC LIMIT 1`,
      [projectId, stage, version ?? null],
    );
    return parseRows(ArtifactRow, rows)[0];
  }
}
