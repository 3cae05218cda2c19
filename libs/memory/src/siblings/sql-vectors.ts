import { z } from 'zod';
import { type VectorSource } from './cached-siblings';
import { type SqlRows } from './sql-group-members';

const VectorRow = z.object({ id: z.string(), vector: z.instanceof(Buffer) });

/**
 * Vectors from memory-service's `patterns.vector` (float32 in the platform's byte order, written
 * with `indexed_embedder` by the same process kind that reads it), for rows `embedder` indexed.
 * A row indexed before the column existed has none: the next source (Chroma) answers it.
 */
export class SqlVectors implements VectorSource {
  constructor(
    private readonly sql: SqlRows,
    private readonly embedder: string,
  ) {}

  async vectorsOf(ids: readonly string[]): Promise<Map<string, Float32Array>> {
    if (ids.length === 0) return new Map();
    const rows = z.array(VectorRow).parse(
      await this.sql.query(
        `SELECT id, vector FROM patterns
         WHERE id = ANY($1::text[]) AND indexed_embedder = $2 AND vector IS NOT NULL`,
        [[...ids], this.embedder],
      ),
    );
    // Copied: a Buffer from the driver may start at an offset Float32Array cannot view.
    return new Map(
      rows.map((row) => [row.id, new Float32Array(new Uint8Array(row.vector).buffer)]),
    );
  }
}
