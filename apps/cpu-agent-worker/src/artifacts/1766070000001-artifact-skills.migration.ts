import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Which skill versions an artifact's prompt carried, or why it carried none (the registry did not
 * answer): `{status, skills[, overBudget | reason]}`. Null on artifacts made before skills existed.
 */
export class ArtifactSkills1766070000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE artifacts ADD COLUMN skills jsonb');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE artifacts DROP COLUMN IF EXISTS skills');
  }
}
