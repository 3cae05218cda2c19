import { ArtifactsV1, LlmUsageV1, readerGrantStatements } from '@agentbus/contracts';
import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The CPU worker's read models (ADR 0005): its artifacts and the usage of its LLM calls (without
 * the stored responses), as versioned views with SELECT for the reader role only.
 */
export class ReadModels1764900000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE VIEW ${ArtifactsV1.view} AS SELECT ${ArtifactsV1.columns.join(', ')} FROM artifacts`,
    );
    await runner.query(
      `CREATE VIEW ${LlmUsageV1.view} AS SELECT ${LlmUsageV1.columns.join(', ')} FROM llm_calls`,
    );
    for (const statement of readerGrantStatements([ArtifactsV1, LlmUsageV1])) {
      await runner.query(statement);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP VIEW IF EXISTS ${LlmUsageV1.view}`);
    await runner.query(`DROP VIEW IF EXISTS ${ArtifactsV1.view}`);
  }
}
