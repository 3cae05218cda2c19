import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The table behind {@link Counter}, written the way an app writes its migrations. */
export class CreateCounters1764000000100 implements MigrationInterface {
  readonly name = 'CreateCounters1764000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE counters (
        name       text        PRIMARY KEY,
        value      integer     NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE counters');
  }
}
