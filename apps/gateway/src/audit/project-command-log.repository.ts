import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';

/** What a command asked for, as the audit shows it. */
export type LoggedCommand =
  | { readonly command: 'cancel'; readonly details: { readonly reason?: string } }
  | { readonly command: 'restart'; readonly details: { readonly fromStage: string } }
  | {
      readonly command: 'raise_budget';
      readonly details: {
        readonly approvalId: string;
        readonly maxTokens?: number;
        readonly maxCostUsd?: number;
      };
    };

/** One accepted command: its message id, project and sender. */
export type CommandLogEntry = LoggedCommand & {
  readonly messageId: string;
  readonly projectId: string;
  readonly requestedBy: string;
};

/** `project_commands` (gateway schema): the sender of each command the orchestrator does not name. */
@Injectable()
export class ProjectCommandLog {
  /**
   * Records the command in the caller's transaction; false when its message id is already
   * recorded (a retry of the same command, which must not be sent again).
   */
  async record(tx: EntityManager, entry: CommandLogEntry): Promise<boolean> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO project_commands (message_id, project_id, command, requested_by, details)
       VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT (message_id) DO NOTHING RETURNING 1`,
      [
        entry.messageId,
        entry.projectId,
        entry.command,
        entry.requestedBy,
        JSON.stringify(entry.details),
      ],
    );
    return inserted.length > 0;
  }
}
