import {
  ApprovalsV1,
  EventsV1,
  ORCHESTRATOR_READ_MODELS_V1,
  ProjectRequirementsV1,
  ProjectsV1,
  readerGrantStatements,
  StagesV1,
} from '@agentbus/contracts';
import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The orchestrator's read models (ADR 0005): versioned views other services read instead of its
 * tables, each with exactly the columns of its row schema in the contracts, and SELECT on them
 * (and only them) for the reader role. Tables may change freely behind a view; a view changes only
 * by publishing the next version beside it.
 */
export class ReadModels1764900000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const views: [string, string][] = [
      [ProjectsV1.view, `SELECT ${ProjectsV1.columns.join(', ')} FROM projects`],
      [ProjectRequirementsV1.view, 'SELECT id, name, requirements FROM projects'],
      [StagesV1.view, `SELECT ${StagesV1.columns.join(', ')} FROM stages`],
      [ApprovalsV1.view, `SELECT ${ApprovalsV1.columns.join(', ')} FROM approvals`],
      [EventsV1.view, `SELECT ${EventsV1.columns.join(', ')} FROM events`],
    ];
    for (const [view, select] of views) await runner.query(`CREATE VIEW ${view} AS ${select}`);
    for (const statement of readerGrantStatements(ORCHESTRATOR_READ_MODELS_V1)) {
      await runner.query(statement);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const model of [...ORCHESTRATOR_READ_MODELS_V1].reverse()) {
      await runner.query(`DROP VIEW IF EXISTS ${model.view}`);
    }
  }
}
