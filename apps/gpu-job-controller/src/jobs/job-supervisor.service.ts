import {
  createEnvelope,
  GpuJobFailedV1,
  GpuJobStartedV1,
  GpuJobSucceededV1,
  type TaskError,
} from '@agentbus/contracts';
import { withOutbox } from '@agentbus/persistence';
import { PINO_LOGGER } from '@agentbus/observability';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type Logger } from 'pino';
import { DataSource } from 'typeorm';
import { UnknownGpuTypeError } from '../kubernetes/job-template';
import { GPU_BACKEND, type GpuBackend, type JobObservation } from './gpu-backend';
import { type GpuJobRow, GpuJobStore } from './gpu-job.store';
import { GpuMetrics } from './gpu-metrics';
import { type JobResult, logTail, MissingResultError, resultOfLog } from './job-result';

/** The supervisor's knobs (config.ts). */
export interface SupervisorSettings {
  readonly pendingTimeoutMs: number;
  readonly resyncMs: number;
  readonly maxRunMs: number;
  /** Jobs launched at once; more wait `queued` (the local backend has one machine). */
  readonly maxParallel: number;
  readonly logTailLines: number;
}
export const SUPERVISOR_SETTINGS = Symbol('SUPERVISOR_SETTINGS');

/**
 * Drives every unfinished job from its row to a result, level-triggered: each pass compares a
 * row with what the backend sees and takes the one step that closes the gap (launch, mark running,
 * fail past the pending timeout, collect the result). Passes run on every backend change, after
 * each request, and every `resyncMs`, so a missed watch event, a restart or a crash between two
 * steps is caught up by the next pass. Each step is one guarded transaction with its outgoing
 * message (outbox), so nothing is reported twice.
 */
@Injectable()
export class JobSupervisor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(GPU_BACKEND) private readonly backend: GpuBackend,
    @Inject(SUPERVISOR_SETTINGS) private readonly settings: SupervisorSettings,
    private readonly metrics: GpuMetrics,
    @Inject(PINO_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: 'JobSupervisor' });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.backend.start(() => this.wake());
    this.wake(); // adopts what a previous process left: rows are the memory, Jobs the truth
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.backend.stop();
  }

  /** Asks for a pass soon; passes never overlap (one more runs if asked during one). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.pass()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'supervisor pass failed'))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.wake();
        } else {
          this.timer = setTimeout(() => this.wake(), this.settings.resyncMs);
        }
      });
  }

  /** Resolves when no pass is running (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async pass(): Promise<void> {
    const store = new GpuJobStore(this.dataSource.manager);
    for (const name of await store.toRemove()) {
      await this.backend.remove(name);
      await store.markRemoved(name);
    }
    const rows = await store.active();
    let launched = rows.filter((row) => row.state !== 'queued').length;
    for (const row of rows) {
      if (this.stopped) return;
      if (row.state === 'queued') {
        if (launched >= this.settings.maxParallel) continue;
        launched += 1;
      }
      try {
        await this.step(row);
      } catch (error) {
        this.logger.warn({ err: error, job: row.job_name }, 'job step failed; next pass retries');
      }
    }
    this.metrics.counted(await store.countByState());
  }

  private async step(row: GpuJobRow): Promise<void> {
    if (row.state === 'queued') return this.launch(row);
    const seen = await this.backend.observe(row.job_name);
    switch (seen.phase) {
      case 'missing':
        return this.fail(row, {
          code: 'job_lost',
          message: `job ${row.job_name} disappeared (deleted outside the controller?)`,
          retryable: true,
        });
      case 'pending':
        return this.checkPending(row, seen.reason);
      case 'running':
        return this.markRunning(row);
      case 'succeeded':
        return this.succeed(row, seen);
      case 'failed': {
        const tail = logTail(seen.log, 5).join('\n');
        const message = tail ? `${seen.message}\nlog tail:\n${tail}` : seen.message;
        return this.fail(row, { code: seen.code, message, retryable: seen.retryable });
      }
    }
  }

  private async launch(row: GpuJobRow): Promise<void> {
    const untilDeadline = Date.parse(row.request.deadlineAt) - Date.now();
    const maxRunMs = Math.max(1_000, Math.min(this.settings.maxRunMs, untilDeadline));
    try {
      const { adopted } = await this.backend.launch({
        name: row.job_name,
        task: row.request,
        maxRunMs,
      });
      if (adopted) this.logger.info({ job: row.job_name }, 'adopted an existing job');
    } catch (error) {
      if (error instanceof UnknownGpuTypeError) {
        return this.fail(row, {
          code: 'unknown_gpu_type',
          message: error.message,
          retryable: false,
        });
      }
      throw error;
    }
    await withOutbox(this.dataSource, async (tx, outbox) => {
      if (!(await new GpuJobStore(tx).transition(row.task_id, ['queued'], 'pending'))) return;
      await outbox.add(
        createEnvelope(
          GpuJobStartedV1,
          { ...keyOf(row), jobName: row.job_name, backend: row.backend },
          this.metaOf(row),
        ),
      );
    });
  }

  private async checkPending(row: GpuJobRow, reason: string | undefined): Promise<void> {
    const since = (row.launched_at ?? row.created_at).getTime();
    if (Date.now() - since < this.settings.pendingTimeoutMs) return;
    const seconds = Math.round(this.settings.pendingTimeoutMs / 1_000);
    await this.fail(row, {
      code: 'pending_timeout',
      message:
        `job ${row.job_name} was not running after ${seconds} s: ${reason ?? 'no reason given'}. ` +
        'Check that a node with a free GPU of this type exists (GPU_TYPES, node pool quota).',
      retryable: false,
    });
    // The Job is deleted by the next pass (toRemove): the reason row is committed first.
    this.wake();
  }

  private async markRunning(row: GpuJobRow): Promise<void> {
    if (row.state !== 'pending') return;
    if (
      await new GpuJobStore(this.dataSource.manager).transition(row.task_id, ['pending'], 'running')
    ) {
      this.metrics.waited((Date.now() - (row.launched_at ?? row.created_at).getTime()) / 1_000);
    }
  }

  private async succeed(
    row: GpuJobRow,
    seen: Extract<JobObservation, { phase: 'succeeded' }>,
  ): Promise<void> {
    let result: Record<string, unknown>;
    try {
      result = resultOfLog(seen.log);
    } catch (error) {
      if (!(error instanceof MissingResultError)) throw error;
      const tail = logTail(seen.log, 5).join('\n');
      return this.fail(row, {
        code: 'missing_result',
        message: `${error.message}${tail ? `\nlog tail:\n${tail}` : ''}`,
        retryable: false,
      });
    }
    const durationMs = Date.now() - (row.launched_at ?? row.created_at).getTime();
    const body: JobResult = {
      jobName: row.job_name,
      backend: row.backend,
      kind: row.request.kind,
      result,
      hardware: seen.hardware,
      durationMs,
      logTail: logTail(seen.log, this.settings.logTailLines),
    };
    const done = await withOutbox(this.dataSource, async (tx, outbox) => {
      const store = new GpuJobStore(tx);
      if (!(await store.transition(row.task_id, ['pending', 'running'], 'succeeded'))) return false;
      const artifact = await store.writeArtifact(row, JSON.stringify(body, null, 2));
      await outbox.add(
        createEnvelope(
          GpuJobSucceededV1,
          { ...keyOf(row), artifact, durationMs },
          this.metaOf(row),
        ),
      );
      return true;
    });
    if (done) this.ended(row, 'succeeded');
  }

  private async fail(row: GpuJobRow, error: TaskError): Promise<void> {
    const done = await withOutbox(this.dataSource, async (tx, outbox) => {
      const store = new GpuJobStore(tx);
      const reason = `${error.code}: ${error.message}`.slice(0, 4_000);
      if (
        !(await store.transition(row.task_id, ['queued', 'pending', 'running'], 'failed', reason))
      ) {
        return false;
      }
      await outbox.add(
        createEnvelope(
          GpuJobFailedV1,
          { ...keyOf(row), error: { ...error, message: error.message.slice(0, 4_000) } },
          this.metaOf(row),
        ),
      );
      return true;
    });
    if (done) {
      this.logger.info({ job: row.job_name, code: error.code }, 'gpu job failed');
      this.ended(row, 'failed', error.code);
    }
  }

  private ended(row: GpuJobRow, outcome: 'succeeded' | 'failed', code = ''): void {
    this.metrics.ended(outcome, code);
    const since = row.running_at ?? row.launched_at;
    if (since) this.metrics.ran((Date.now() - since.getTime()) / 1_000);
  }

  private metaOf(row: GpuJobRow) {
    return {
      source: 'gpu-job-controller',
      correlationId: row.correlation_id,
      causationId: row.causation_id,
    };
  }
}

const keyOf = (row: GpuJobRow) => ({
  taskId: row.task_id,
  projectId: row.project_id,
  stage: row.request.stage,
  attempt: row.attempt,
});
