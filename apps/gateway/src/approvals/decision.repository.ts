import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';

/** A decision the gateway accepted for one gate opening. */
export interface DecisionRecord {
  readonly approvalId: string;
  readonly projectId: string;
  readonly gate: string;
  readonly attempt: number;
  readonly decision: string;
  readonly comment: string | undefined;
  readonly decidedBy: string;
  readonly messageId: string;
}

/** The decision already recorded for the same gate opening. */
export interface EarlierDecision {
  readonly decision: string;
  readonly decided_by: string;
}

/** `decisions` (gateway schema): first decision per approval wins. */
@Injectable()
export class DecisionRepository {
  /**
   * Records the decision in the caller's transaction and returns `undefined`, or returns the
   * decision that got there first (a concurrent one waits on the primary key until it commits).
   */
  async record(tx: EntityManager, record: DecisionRecord): Promise<EarlierDecision | undefined> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO decisions
         (approval_id, project_id, gate, attempt, decision, comment, decided_by, message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING 1`,
      [
        record.approvalId,
        record.projectId,
        record.gate,
        record.attempt,
        record.decision,
        record.comment ?? null,
        record.decidedBy,
        record.messageId,
      ],
    );
    if (inserted.length > 0) return undefined;
    const rows: EarlierDecision[] = await tx.query(
      'SELECT decision, decided_by FROM decisions WHERE approval_id = $1',
      [record.approvalId],
    );
    return rows[0];
  }
}
