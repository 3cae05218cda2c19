import { AppLogger } from '@agentbus/observability';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IDEMPOTENCY_RETENTION } from '../projects/idempotency.repository';
import { ReadModelTables } from '../read-model/read-model.tables';

const EVERY_MS = 10 * 60_000;
const BATCH = 1_000;

/**
 * Keeps the gateway's tables from growing without end: Idempotency-Key records older than 24 h,
 * submissions the orchestrator has turned into projects, decisions it has applied and the cost
 * forecasts of projects that no longer exist. The inbox
 * and outbox are pruned by the service runtime, as in every service.
 * Every replica may run it; the deletes are idempotent.
 */
@Injectable()
export class GatewayRetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly tables: ReadModelTables,
    private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.prune(), EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One pass; failures are logged and retried at the next pass. */
  async prune(): Promise<void> {
    const steps = {
      idempotencyKeys: () =>
        this.deleteAll(
          `DELETE FROM idempotency_keys WHERE (api_key_id, key) IN (
             SELECT api_key_id, key FROM idempotency_keys
             WHERE created_at < now() - interval '${IDEMPOTENCY_RETENTION}' LIMIT ${BATCH})`,
        ),
      submissions: () =>
        this.deleteAll(
          `DELETE FROM submissions WHERE id IN (
             SELECT s.id FROM submissions s JOIN ${this.tables.projects} p ON p.id = s.id LIMIT ${BATCH})`,
        ),
      // Kept while the orchestrator has not applied them (the gate still shows them as pending).
      decisions: () =>
        this.deleteAll(
          `DELETE FROM decisions WHERE approval_id IN (
             SELECT d.approval_id FROM decisions d
             WHERE d.created_at < now() - interval '1 day' AND NOT EXISTS (
               SELECT 1 FROM ${this.tables.approvals} a WHERE a.id = d.approval_id AND a.state = 'open')
             LIMIT ${BATCH})`,
        ),
      // A forecast outlives nothing: gone with its project (deleted), or never created a day on.
      projectForecasts: () =>
        this.deleteAll(
          `DELETE FROM project_forecasts WHERE project_id IN (
             SELECT f.project_id FROM project_forecasts f
             WHERE f.created_at < now() - interval '1 day' AND NOT EXISTS (
               SELECT 1 FROM ${this.tables.projects} p WHERE p.id = f.project_id)
             LIMIT ${BATCH})`,
        ),
    };
    for (const [table, step] of Object.entries(steps)) {
      try {
        const deleted = await step();
        if (deleted > 0) this.logger.pino.info({ table, deleted }, 'retention pruned rows');
      } catch (error) {
        this.logger.pino.warn({ err: error, table }, 'retention pass failed; retrying later');
      }
    }
  }

  private async deleteAll(sql: string): Promise<number> {
    const runner = this.db.createQueryRunner();
    try {
      let total = 0;
      for (;;) {
        const { affected } = await runner.query(sql, [], true);
        total += affected ?? 0;
        if ((affected ?? 0) < BATCH) return total;
      }
    } finally {
      await runner.release();
    }
  }
}
