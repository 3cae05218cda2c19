import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { PreparedStatements } from '../database/prepared-statements';

/** The gateway's records of what belongs to which workspace: projects and API keys. */
@Injectable()
export class WorkspaceScopeRepository {
  constructor(private readonly prepared: PreparedStatements) {}

  /** Records a new project's workspace, in the transaction of its submission. */
  async recordProject(tx: EntityManager, projectId: string, workspace: string): Promise<void> {
    await tx.query('INSERT INTO project_workspaces (project_id, workspace) VALUES ($1, $2)', [
      projectId,
      workspace,
    ]);
  }

  /** The project's workspace; `undefined` when it has none recorded (older, or unknown). */
  async projectWorkspace(projectId: string): Promise<string | undefined> {
    const rows = await this.prepared.query<{ workspace: string }>(
      'SELECT workspace FROM project_workspaces WHERE project_id = $1',
      [projectId],
    );
    return rows[0]?.workspace;
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
