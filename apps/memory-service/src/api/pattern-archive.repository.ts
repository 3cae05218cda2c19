import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Deletions an admin asks for, archived like retention's so the archive tells the whole story. */
@Injectable()
export class PatternArchiveRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Copies the pattern to `pattern_archive` with `reason`, then deletes it and its outcomes, in one
   * statement; shipped templates are left alone. Returns whether a row was deleted.
   */
  async archiveAndDelete(id: string, reason: string): Promise<boolean> {
    const rows: { id: string }[] = await this.db.query(
      `WITH gone AS (
         DELETE FROM patterns WHERE id = $1 AND source <> 'template' RETURNING *
       ), archived AS (
         INSERT INTO pattern_archive (id, type, source, text, metadata, project_id,
           retrieved_count, created_at, last_used_at, archived_at, reason)
         SELECT id, type, source, text, metadata, project_id, retrieved_count, created_at,
           last_used_at, now(), $2 FROM gone
       ), outcomes AS (
         DELETE FROM pattern_outcomes WHERE pattern_id IN (SELECT id FROM gone)
       )
       SELECT id FROM gone`,
      [id, reason],
    );
    return rows.length > 0;
  }
}
