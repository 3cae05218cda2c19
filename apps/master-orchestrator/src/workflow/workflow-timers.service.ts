import { PINO_LOGGER } from '@agentbus/observability';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type Logger } from 'pino';
import { DataSource } from 'typeorm';
import { WorkflowRepository } from './persistence/workflow.repository';
import { WorkflowRunner } from './workflow-runner.service';
import { TIMER_SETTINGS, type TimerSettings } from './workflow.settings';

/**
 * The scheduler: every tick it finds projects with a retry due or an attempt past its deadline and
 * runs those timers through the decider, one transaction per project. Each project is claimed with
 * `FOR UPDATE SKIP LOCKED`, so replicas share the work and never block a handler. Stops (and
 * waits for its tick) before the database closes.
 */
@Injectable()
export class WorkflowTimersService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: WorkflowRepository,
    private readonly runner: WorkflowRunner,
    @Inject(TIMER_SETTINGS) private readonly settings: TimerSettings,
    @Inject(PINO_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: 'WorkflowTimers' });
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
  }

  /** One pass: every due project (up to the batch size); resolves to how many it handled. */
  async tick(now = new Date()): Promise<number> {
    const due = await this.repository.dueProjects(
      this.dataSource.manager,
      now,
      this.settings.batch,
    );
    let handled = 0;
    for (const projectId of due) {
      if (this.stopped) break;
      if (await this.runner.runDue(projectId, now)) handled += 1;
    }
    return handled;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick()
        .then(
          () => undefined,
          (error: unknown) => this.logger.warn({ err: error }, 'scheduler tick failed; retrying'),
        )
        .finally(() => {
          this.ticking = undefined;
          this.schedule();
        });
    }, this.settings.tickMs);
  }
}
