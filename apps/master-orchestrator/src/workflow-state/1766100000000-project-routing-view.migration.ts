import { ProjectRoutingV1, readerGrantStatements } from '@agentbus/contracts';
import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Publishes `projects.routing` as `project_routing_v1` (ADR 0005) for the project detail. The
 * column exists since the first migration; routing (the ML detector's decision on submit, which
 * GPU dispatch reads) is what fills it.
 */
export class ProjectRoutingView1766100000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE VIEW ${ProjectRoutingV1.view} AS SELECT ${ProjectRoutingV1.columns.join(', ')} FROM projects`,
    );
    for (const statement of readerGrantStatements([ProjectRoutingV1])) {
      await runner.query(statement);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP VIEW IF EXISTS ${ProjectRoutingV1.view}`);
  }
}
