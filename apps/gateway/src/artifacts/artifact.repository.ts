import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadModelTables } from '../read-model/read-model.tables';

export interface ArtifactMetaRow {
  readonly id: string;
  readonly stage: string;
  readonly version: number;
  readonly attempt: number;
  readonly format: string;
  readonly sha256: string;
  readonly size_bytes: number;
  readonly agent: string;
  readonly provider: string;
  readonly model: string;
  readonly created_at: Date;
  /** How many versions the stage has (list only). */
  readonly versions?: string;
}

export interface ArtifactRow extends ArtifactMetaRow {
  readonly body: string;
}

const META =
  'id, stage, version, attempt, format, sha256, size_bytes, agent, provider, model, created_at';

/** Reads the CPU worker's `artifacts` (read-only). */
@Injectable()
export class ArtifactRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly tables: ReadModelTables,
  ) {}

  /** The latest version of each stage's artifact, without bodies. */
  latestPerStage(projectId: string): Promise<ArtifactMetaRow[]> {
    return this.db.query(
      `SELECT DISTINCT ON (stage) ${META}, count(*) OVER (PARTITION BY stage) AS versions
       FROM ${this.tables.artifacts} WHERE project_id = $1 ORDER BY stage, version DESC`,
      [projectId],
    );
  }

  /** One version of a stage's artifact (the latest when `version` is undefined). */
  async one(
    projectId: string,
    stage: string,
    version: number | undefined,
  ): Promise<ArtifactRow | undefined> {
    const rows: ArtifactRow[] = await this.db.query(
      `SELECT ${META}, body FROM ${this.tables.artifacts}
       WHERE project_id = $1 AND stage = $2 AND ($3::int IS NULL OR version = $3::int)
       ORDER BY version DESC LIMIT 1`,
      [projectId, stage, version ?? null],
    );
    return rows[0];
  }
}
