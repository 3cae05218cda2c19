import { ArtifactsV1, StagesV1 } from '@agentbus/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { MEMORY_SETTINGS, type MemorySettings } from '../patterns/memory.settings';
import { type Sql } from '../patterns/pattern.repository';

const ArtifactRow = ArtifactsV1.row.pick({
  id: true,
  project_id: true,
  stage: true,
  version: true,
  format: true,
  body: true,
});
export type SourceArtifact = z.infer<typeof ArtifactRow>;

// The stage's artifact reference as the orchestrator keeps it; `memory` is ArtifactRef.memory.
const StageArtifact = z.object({
  artifact: z
    .looseObject({
      memory: z.object({ patternIds: z.array(z.string()) }).optional(),
    })
    .nullable(),
});

/** What memory reads of a project from the services that own it (their published views). */
@Injectable()
export class ProjectSourcesReader {
  constructor(@Inject(MEMORY_SETTINGS) private readonly settings: MemorySettings) {}

  /** The artifacts by id, bodies included (the worker's `artifacts_v1`). */
  async artifacts(sql: Sql, ids: readonly string[]): Promise<SourceArtifact[]> {
    if (ids.length === 0) return [];
    const rows: unknown[] = await sql.query(
      `SELECT id, project_id, stage, version, format, body
       FROM "${this.settings.cpuWorkerSchema}".${ArtifactsV1.view} WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((row) => ArtifactRow.parse(row));
  }

  /** The memory patterns the project's current stage artifacts were written with (`stages_v1`). */
  async usedPatternIds(sql: Sql, projectId: string): Promise<string[]> {
    const rows: unknown[] = await sql.query(
      `SELECT artifact FROM "${this.settings.orchestratorSchema}".${StagesV1.view}
       WHERE project_id = $1`,
      [projectId],
    );
    const ids = rows.flatMap((row) => StageArtifact.parse(row).artifact?.memory?.patternIds ?? []);
    return [...new Set(ids)];
  }
}
