import {
  GPU_CONTROLLER_READ_MODELS,
  GpuArtifactsV1,
  readerGrantStatements,
} from '@agentbus/contracts';
import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The controller's read model (ADR 0005): its stored job results, as a versioned view with SELECT
 * for the reader role only. The CPU worker reads `ml_feasibility` results through it.
 */
export class GpuReadModels1766080000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE VIEW ${GpuArtifactsV1.view} AS
       SELECT ${GpuArtifactsV1.columns.join(', ')} FROM gpu_artifacts`,
    );
    for (const statement of readerGrantStatements(GPU_CONTROLLER_READ_MODELS)) {
      await runner.query(statement);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP VIEW IF EXISTS ${GpuArtifactsV1.view}`);
  }
}
