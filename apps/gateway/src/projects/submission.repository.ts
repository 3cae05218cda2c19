import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';

/** A submission the orchestrator may not have turned into a project yet. */
export interface Submission {
  readonly id: string;
  readonly name: string;
  readonly submittedBy: string;
  /** Whose projects in flight it counts among (API key id or SSO subject id). */
  readonly principalId: string;
}

/** `submissions` (gateway schema): keeps a new project visible as `queued` until it exists. */
@Injectable()
export class SubmissionRepository {
  async insert(tx: EntityManager, submission: Submission): Promise<void> {
    await tx.query(
      'INSERT INTO submissions (id, name, submitted_by, principal_id) VALUES ($1, $2, $3, $4)',
      [submission.id, submission.name, submission.submittedBy, submission.principalId],
    );
  }
}
