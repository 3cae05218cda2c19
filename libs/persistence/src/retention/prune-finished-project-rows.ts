import { FINISHED_PROJECT_STATES } from '@agentbus/contracts';
import { type DataSource } from 'typeorm';
import { qualifiedName } from '../data-source/qualified-name.util';
import { schemaOf } from '../data-source/schema-of.util';
import { deleteInBatches } from './delete-in-batches';
import { RETENTION_DEFAULTS } from './retention-defaults';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** One table of per-project rows (it has `project_id`) in the data source's own schema. */
export interface ProjectRowsTable {
  readonly table: string;
  /** Columns that identify one row (its primary key). */
  readonly key: readonly string[];
}

/** Where a service learns which projects are finished and since when. */
export interface FinishedProjectsSource {
  /** Schema (default: the data source's) and name of a table or view with `id`, `state` and
   * `updated_at` (the last change). */
  readonly schema?: string;
  readonly relation: string;
  /**
   * The caller owns the relation (a table it may lock): projects locked by a running change are
   * skipped and a restart waits for the one short DELETE, so no row of a project that is moving
   * again is deleted. A reader of another service's view cannot lock it and only re-checks the
   * state in every batch.
   */
  readonly lockable: boolean;
}

/** Options of {@link pruneFinishedProjectRows}. */
export interface PruneFinishedOptions {
  /** Rows of projects finished (last changed) before this go. */
  readonly finishedBefore: Date;
  /** Rows per DELETE; default {@link RETENTION_DEFAULTS}.batchSize. */
  readonly batchSize?: number;
}

/**
 * Deletes the rows of `rows` that belong to projects completed, failed or cancelled before
 * `finishedBefore`, in short DELETEs of `batchSize` rows. Rows another replica is deleting are
 * skipped (SKIP LOCKED), so several replicas may prune at once without waiting on each other.
 */
export async function pruneFinishedProjectRows(
  dataSource: DataSource,
  rows: ProjectRowsTable,
  projects: FinishedProjectsSource,
  options: PruneFinishedOptions,
): Promise<number> {
  const projectsSchema = projects.schema ?? schemaOf(dataSource);
  for (const name of [rows.table, ...rows.key, projectsSchema, projects.relation]) {
    if (!IDENTIFIER.test(name)) throw new Error(`${name} is not a plain SQL identifier`);
  }
  const table = qualifiedName(schemaOf(dataSource), rows.table);
  const source = qualifiedName(projectsSchema, projects.relation);
  const key = rows.key.join(', ');
  const lockProjects = projects.lockable ? ' FOR SHARE OF p SKIP LOCKED' : '';
  return deleteInBatches(
    dataSource,
    `DELETE FROM ${table} WHERE (${key}) IN (
       SELECT ${rows.key.map((column) => `r.${column}`).join(', ')}
       FROM ${table} r JOIN ${source} p ON p.id = r.project_id
       WHERE p.state = ANY($1::text[]) AND p.updated_at < $2
       LIMIT $3 FOR UPDATE OF r SKIP LOCKED${lockProjects})`,
    [FINISHED_PROJECT_STATES, options.finishedBefore],
    options.batchSize ?? RETENTION_DEFAULTS.batchSize,
  );
}
