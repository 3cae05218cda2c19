import { ArtifactsV1, DbNumber } from '@agentbus/contracts';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { PreparedStatements } from '../database/prepared-statements';
import { ReadModelTables } from '../read-model/read-model.tables';

/** The version the orchestrator accepted for the row's stage (`stages_v1.artifact`), if any. */
const AcceptedVersion = z.object({ accepted_version: z.number().int().nullable() });

const ArtifactMetaRow = ArtifactsV1.row
  .omit({ project_id: true, body: true })
  .extend(AcceptedVersion.shape);
export type ArtifactMetaRow = z.infer<typeof ArtifactMetaRow>;

const ArtifactRow = ArtifactsV1.row.omit({ project_id: true }).extend(AcceptedVersion.shape);
export type ArtifactRow = z.infer<typeof ArtifactRow>;

const ListRow = z.object({ known: z.boolean(), versions: z.array(ArtifactMetaRow) });
/** Every stored version of a project's artifacts; `known: false` for an unknown project. */
export type ArtifactListRows = z.infer<typeof ListRow>;

const StageHead = AcceptedVersion.extend({ known: z.boolean(), versions: DbNumber });
/** One stage's accepted version, its number of versions and the asked-for (or accepted) row. */
export type StageArtifactRows = z.infer<typeof StageHead> & { artifact: ArtifactRow | undefined };

const META_COLUMNS = ArtifactsV1.columns.filter((c) => c !== 'project_id' && c !== 'body');
const META = (alias: string) => META_COLUMNS.map((column) => `${alias}.${column}`).join(', ');

/**
 * Reads the CPU worker's `artifacts_v1` joined with the orchestrator's `stages_v1` (which version
 * it accepted per stage), one statement per read: whether the project exists (created, or only a
 * submission) comes from the same snapshot.
 */
@Injectable()
export class ArtifactRepository {
  private readonly listSql: string;
  private readonly oneSql: string;

  constructor(
    private readonly prepared: PreparedStatements,
    tables: ReadModelTables,
  ) {
    const { projects, stages, artifacts } = tables;
    const known = `(EXISTS (SELECT 1 FROM ${projects} WHERE id = $1)
      OR EXISTS (SELECT 1 FROM submissions WHERE id = $1))`;
    const acceptedVersion = (s: string) => `(${s}.artifact->>'version')::int`;
    this.listSql = `SELECT ${known} AS known,
      (SELECT coalesce(json_agg(r), '[]') FROM (
         SELECT ${META('a')}, ${acceptedVersion('s')} AS accepted_version
         FROM ${artifacts} a LEFT JOIN ${stages} s ON s.project_id = $1 AND s.stage = a.stage
         WHERE a.project_id = $1) r) AS versions`;
    this.oneSql = `WITH head AS (
        SELECT ${known} AS known,
          (SELECT ${acceptedVersion('s')} FROM ${stages} s
           WHERE s.project_id = $1 AND s.stage = $2) AS accepted_version,
          (SELECT count(*) FROM ${artifacts} WHERE project_id = $1 AND stage = $2) AS versions)
      SELECT h.known, h.accepted_version, h.versions, ${META('a')}, a.body
      FROM head h LEFT JOIN ${artifacts} a
        ON a.project_id = $1 AND a.stage = $2 AND a.version = coalesce($3::int, h.accepted_version)`;
  }

  /** Every version of every stage's artifact, without bodies, each with its accepted version. */
  async list(projectId: string): Promise<ArtifactListRows> {
    const [row] = await this.prepared.query(this.listSql, [projectId]);
    return ListRow.parse(row);
  }

  /** One version of a stage's artifact: `version`, or else the one the orchestrator accepted. */
  async one(
    projectId: string,
    stage: string,
    version: number | undefined,
  ): Promise<StageArtifactRows> {
    const [row] = await this.prepared.query(this.oneSql, [projectId, stage, version ?? null]);
    const head = StageHead.parse(row);
    const artifact = row?.['id'] === null ? undefined : ArtifactRow.parse(row);
    return { ...head, artifact };
  }
}
