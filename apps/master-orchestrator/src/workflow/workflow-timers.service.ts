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

  // A tick that found work keeps the short interval; idle ticks double it up to idleTickMs, so an
  // idle orchestrator asks Postgres about once a second instead of four times.
  private schedule(delayMs = this.settings.tickMs): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      let next = Math.min(this.settings.idleTickMs, delayMs * 2);
      this.ticking = this.tick()
        .then(
          (handled) => {
            if (handled > 0) next = this.settings.tickMs;
          },
          (error: unknown) => this.logger.warn({ err: error }, 'scheduler tick failed; retrying'),
        )
        .finally(() => {
          this.ticking = undefined;
          this.schedule(next);
        });
    }, delayMs);
  }
}
