import { createHash, randomUUID } from 'node:crypto';
import { digestArtifact } from '@agentbus/agents';
import { type ArtifactRef, PermanentError, type StageId } from '@agentbus/contracts';
import { type SqlStatement, type SqlTx } from '@agentbus/persistence';
import { type EntityManager } from 'typeorm';
import { type MemoryUsed } from '../memory/memory-used';
import { type SkillsUsed } from '../skills/skills-used';

/** A stored artifact body with its reference. */
export interface StoredArtifact {
  readonly ref: ArtifactRef;
  readonly body: string;
  /** Its digest, made once when it was written; absent on artifacts older than digests. */
  readonly digest?: string;
}

/** What a finished agent run stores. */
export interface NewArtifact {
  readonly projectId: string;
  readonly stage: StageId;
  readonly attempt: number;
  readonly format: 'json' | 'markdown';
  readonly body: string;
  readonly agent: string;
  readonly provider: string;
  readonly model: string;
  /** The skills the prompt carried (or why none), recorded on the artifact. */
  readonly skills?: SkillsUsed;
  /** The memory patterns the prompt carried (or that memory was down), recorded on the artifact. */
  readonly memory?: MemoryUsed;
}

interface ArtifactRow {
  id: string;
  version: number;
  sha256: string;
  format: 'json' | 'markdown';
  body: string;
  memory?: MemoryUsed | null;
  digest?: string | null;
}

const refOf = (row: ArtifactRow): ArtifactRef => ({
  id: row.id,
  version: row.version,
  sha256: row.sha256,
  format: row.format,
  ...(row.memory ? { memory: row.memory } : {}),
});

/** Artifacts in the worker's schema: versioned per stage, content-addressed, once per attempt. */
export class ArtifactStore {
  constructor(private readonly tx: EntityManager | SqlTx) {}

  /** The artifact an attempt already wrote (a redelivered task reuses it). */
  async forAttempt(
    projectId: string,
    stage: StageId,
    attempt: number,
  ): Promise<StoredArtifact | undefined> {
    const rows: ArtifactRow[] = await this.tx.query(
      `SELECT id, version, sha256, format, body, memory FROM artifacts
       WHERE project_id = $1 AND stage = $2 AND attempt = $3`,
      [projectId, stage, attempt],
    );
    const row = rows[0];
    return row && { ref: refOf(row), body: row.body };
  }

  /** Bodies of the referenced artifacts, checked against their hashes. */
  async load(refs: readonly ArtifactRef[]): Promise<Map<string, StoredArtifact>> {
    if (refs.length === 0) return new Map();
    const { sql, params } = ArtifactStore.bodiesOf(refs);
    return ArtifactStore.checked(refs, await this.tx.query<Record<string, unknown>[]>(sql, params));
  }

  /** The read behind {@link load}, to batch with other reads. */
  static bodiesOf(refs: readonly ArtifactRef[]): SqlStatement {
    return {
      sql: `SELECT id, version, sha256, format, body, digest FROM artifacts
            WHERE id = ANY($1::uuid[])`,
      params: [refs.map((ref) => ref.id)],
    };
  }

  /** The rows of {@link bodiesOf} by id, each checked against its reference. */
  static checked(
    refs: readonly ArtifactRef[],
    rows: readonly Record<string, unknown>[],
  ): Map<string, StoredArtifact> {
    const byId = new Map(
      (rows as unknown as ArtifactRow[]).map((row) => [
        row.id,
        { ref: refOf(row), body: row.body, ...(row.digest ? { digest: row.digest } : {}) },
      ]),
    );
    for (const ref of refs) {
      const found = byId.get(ref.id);
      if (!found) throw new PermanentError(`input artifact ${ref.id} does not exist`);
      if (found.ref.sha256 !== ref.sha256) {
        throw new PermanentError(`input artifact ${ref.id} does not match its hash`);
      }
    }
    return byId;
  }

  /**
   * Writes the attempt's artifact as the stage's next version; if the attempt already wrote one
   * (a redelivery raced us), returns that one instead. One statement: the lookup and the insert
   * share a round trip.
   */
  async write(artifact: NewArtifact): Promise<StoredArtifact> {
    const sha256 = createHash('sha256').update(artifact.body).digest('hex');
    const rows: (Omit<ArtifactRow, 'body'> & { body: string | null })[] = await this.tx.query(
      `WITH existing AS (
         SELECT id, version, sha256, format, body, memory FROM artifacts
         WHERE project_id = $2 AND stage = $3 AND attempt = $4
       ), inserted AS (
         INSERT INTO artifacts (id, project_id, stage, version, attempt, format, body, sha256,
           size_bytes, agent, provider, model, skills, memory, digest)
         SELECT $1, $2, $3, COALESCE(MAX(version), 0) + 1, $4, $5, $6, $7, $8, $9, $10, $11,
           $12::jsonb, $13::jsonb, $14
         FROM artifacts WHERE project_id = $2 AND stage = $3
         HAVING NOT EXISTS (SELECT 1 FROM existing)
         RETURNING id, version, sha256, format, NULL::text AS body, memory
       )
       SELECT * FROM existing UNION ALL SELECT * FROM inserted`,
      [
        randomUUID(),
        artifact.projectId,
        artifact.stage,
        artifact.attempt,
        artifact.format,
        artifact.body,
        sha256,
        Buffer.byteLength(artifact.body),
        artifact.agent,
        artifact.provider,
        artifact.model,
        artifact.skills === undefined ? null : JSON.stringify(artifact.skills),
        artifact.memory === undefined ? null : JSON.stringify(artifact.memory),
        // Made once here, read by every later stage that does not need the body whole.
        digestArtifact(artifact.format, artifact.body),
      ],
    );
    const row = rows[0];
    if (!row) throw new Error('artifact insert returned nothing');
    // The body is sent back only for an attempt's earlier artifact; a new one is ours.
    return { ref: refOf({ ...row, body: '' }), body: row.body ?? artifact.body };
  }
}
