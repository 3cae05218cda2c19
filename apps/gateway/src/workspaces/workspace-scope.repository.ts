import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { PreparedStatements } from '../database/prepared-statements';
import { ReadModelTables } from '../read-model/read-model.tables';

/** The gateway's records of what belongs to which workspace: projects and API keys. */
@Injectable()
export class WorkspaceScopeRepository {
  private readonly projectWorkspaceText: string;
  private readonly projectWorkspacesText: string;

  constructor(
    private readonly prepared: PreparedStatements,
    tables: ReadModelTables,
  ) {
    // The orchestrator's record (from the submission) first; the gateway's own covers projects the
    // orchestrator has not created yet and those submitted before it recorded workspaces.
    this.projectWorkspaceText = `SELECT COALESCE(o.workspace, g.workspace) AS workspace
       FROM (SELECT $1::uuid AS id) p
       LEFT JOIN ${tables.projectWorkspaces} o ON o.id = p.id
       LEFT JOIN project_workspaces g ON g.project_id = p.id`;
    this.projectWorkspacesText = `SELECT p.id, COALESCE(o.workspace, g.workspace) AS workspace
       FROM unnest($1::uuid[]) AS p(id)
       LEFT JOIN ${tables.projectWorkspaces} o ON o.id = p.id
       LEFT JOIN project_workspaces g ON g.project_id = p.id`;
  }

  /**
   * Records a new project's workspace, in the transaction of its submission (the submission
   * carries it to the orchestrator too; this record answers until the orchestrator has it).
   */
  async recordProject(tx: EntityManager, projectId: string, workspace: string): Promise<void> {
    await tx.query('INSERT INTO project_workspaces (project_id, workspace) VALUES ($1, $2)', [
      projectId,
      workspace,
    ]);
  }

  /** The project's workspace; `undefined` when it has none recorded (older, or unknown). */
  async projectWorkspace(projectId: string): Promise<string | undefined> {
    const rows = await this.prepared.query<{ workspace: string | null }>(
      this.projectWorkspaceText,
      [projectId],
    );
    return rows[0]?.workspace ?? undefined;
  }

  /** The workspace of each of the projects that has one recorded, in one query. */
  async projectWorkspaces(projectIds: readonly string[]): Promise<Map<string, string>> {
    if (projectIds.length === 0) return new Map();
    const rows = await this.prepared.query<{ id: string; workspace: string | null }>(
      this.projectWorkspacesText,
      [projectIds],
    );
    return new Map(
      rows.flatMap(({ id, workspace }) => (workspace === null ? [] : [[id, workspace] as const])),
    );
  }

  /** The key's workspaces; `undefined` for an unknown key. */
  async keyWorkspaces(keyId: string): Promise<readonly string[] | undefined> {
    const rows = await this.prepared.query<{ workspaces: string[] }>(
      'SELECT workspaces FROM api_keys WHERE id = $1',
      [keyId],
    );
    return rows[0]?.workspaces;
  }
}
