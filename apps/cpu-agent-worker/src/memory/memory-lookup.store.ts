import { ArtifactRef, type StageId } from '@agentbus/contracts';
import { type DataSource } from 'typeorm';
import { z } from 'zod';
import { type TaskMemory } from './memory-used';

// `memory` is what the attempt's artifact records: the contract's schema, not a copy of it.
const Lookup = z.object({
  memory: ArtifactRef.shape.memory.unwrap(),
  patterns: z.array(z.object({ id: z.string(), title: z.string(), text: z.string() })),
});

/** One stage attempt: memory is asked once per attempt. */
export interface AttemptKey {
  readonly projectId: string;
  readonly stage: StageId;
  readonly attempt: number;
}

/**
 * What memory answered for an attempt (`memory_lookups`): a redelivered attempt reads it back
 * instead of asking again, so its prompt is the one whose LLM calls were recorded, and its
 * artifact names the same patterns, even when memory changed or went down meanwhile.
 */
export class MemoryLookupStore {
  constructor(private readonly db: DataSource) {}

  async find(key: AttemptKey): Promise<TaskMemory | undefined> {
    const rows: unknown[] = await this.db.query(
      `SELECT memory, patterns FROM memory_lookups
       WHERE project_id = $1 AND stage = $2 AND attempt = $3`,
      [key.projectId, key.stage, key.attempt],
    );
    return rows[0] === undefined ? undefined : this.parse(rows[0]);
  }

  /** Records the answer; if a concurrent delivery recorded first, returns that one. */
  async record(key: AttemptKey, found: TaskMemory): Promise<TaskMemory> {
    const rows: unknown[] = await this.db.query(
      `WITH inserted AS (
         INSERT INTO memory_lookups (project_id, stage, attempt, memory, patterns)
         VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)
         ON CONFLICT (project_id, stage, attempt) DO NOTHING
         RETURNING memory, patterns
       )
       SELECT memory, patterns FROM inserted
       UNION ALL
       SELECT memory, patterns FROM memory_lookups
       WHERE project_id = $1 AND stage = $2 AND attempt = $3 AND NOT EXISTS (SELECT 1 FROM inserted)`,
      [
        key.projectId,
        key.stage,
        key.attempt,
        JSON.stringify(found.used),
        JSON.stringify(found.patterns),
      ],
    );
    return rows[0] === undefined ? found : this.parse(rows[0]);
  }

  private parse(row: unknown): TaskMemory {
    const { memory, patterns } = Lookup.parse(row);
    return {
      patterns,
      used: { patternIds: memory.patternIds, ...(memory.unavailable ? { unavailable: true } : {}) },
    };
  }
}
