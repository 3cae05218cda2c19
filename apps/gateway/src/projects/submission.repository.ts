import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';

/** A submission the orchestrator may not have turned into a project yet. */
export interface Submission {
  readonly id: string;
  readonly name: string;
  readonly submittedBy: string;
}

/** `submissions` (gateway schema): keeps a new project visible as `queued` until it exists. */
@Injectable()
export class SubmissionRepository {
  async insert(tx: EntityManager, submission: Submission): Promise<void> {
    await tx.query('INSERT INTO submissions (id, name, submitted_by) VALUES ($1, $2, $3)', [
      submission.id,
      submission.name,
      submission.submittedBy,
    ]);
  }
}
