import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A search reads the siblings of its best projects from here (`@agentbus/memory`
 * SqlGroupMembers): patterns by `metadata ->> 'projectId'`, the key Chroma groups hits by.
 */
export class PatternGroups1766700000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE INDEX IF NOT EXISTS patterns_group ON patterns ((metadata ->> 'projectId'))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX IF EXISTS patterns_group`);
  }
}
