import { ArtifactRef, type StageId } from '@agentbus/contracts';
import { poolOf, type SqlStatement } from '@agentbus/persistence';
import { type DataSource } from 'typeorm';
import { z } from 'zod';
import { type TaskMemory } from './memory-used';

// `memory` is what the attempt's artifact records: the contract's schema, not a copy of it.
const Lookup = z.object({
  memory: ArtifactRef.shape.memory.unwrap(),
  patterns: z.array(z.object({ id: z.string(), title: z.string(), text: z.string() })),
});

function parseLookup(row: unknown): TaskMemory {
  const { memory, patterns } = Lookup.parse(row);
  return {
    patterns,
    used: { patternIds: memory.patternIds, ...(memory.unavailable ? { unavailable: true } : {}) },
  };
}

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

  /** The read of an attempt's recorded answer, to batch with the task's other reads. */
  static attemptLookup(key: AttemptKey): SqlStatement {
    return {
      sql: `SELECT memory, patterns FROM memory_lookups
            WHERE project_id = $1 AND stage = $2 AND attempt = $3`,
      params: [key.projectId, key.stage, key.attempt],
    };
  }

  /** The answer in the rows of {@link attemptLookup}, if the attempt recorded one. */
  static recordedIn(rows: readonly unknown[]): TaskMemory | undefined {
    return rows[0] === undefined ? undefined : parseLookup(rows[0]);
  }

  /** Records the answer; if a concurrent delivery recorded first, returns that one. */
  async record(key: AttemptKey, found: TaskMemory): Promise<TaskMemory> {
    // Straight on the pool: TypeORM's query runner costs more CPU than the statement here.
    const { rows } = await poolOf(this.db).query(
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
    return rows[0] === undefined ? found : parseLookup(rows[0]);
  }
}
