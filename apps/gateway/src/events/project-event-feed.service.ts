import { AppLogger } from '@agentbus/observability';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { type ProjectEventRow } from './project-event';
import { type EventCursor, ProjectEventRepository } from './project-event.repository';

/** Someone following a project's events (an SSE stream). */
export interface EventFollower {
  readonly projectId: string;
  afterSeq: number;
  /** New events, oldest first; called only with events after `afterSeq`. */
  readonly deliver: (rows: readonly ProjectEventRow[]) => void;
  /** The feed is shutting down. */
  readonly close: () => void;
}

const BATCH = 500;

/**
 * One poller for every open SSE stream: each tick reads the new events of all followed projects
 * in a single query (not one per stream), then hands each follower its own. Polls only while
 * someone follows; catches up without waiting when a batch came back full.
 */
@Injectable()
export class ProjectEventFeed implements OnModuleDestroy {
  private readonly followers = new Set<EventFollower>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly events: ProjectEventRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly logger: AppLogger,
  ) {}

  /** Starts delivering to `follower`; returns the function that stops it. */
  follow(follower: EventFollower): () => void {
    if (this.stopped) {
      follower.close();
      return () => undefined;
    }
    this.followers.add(follower);
    this.schedule(this.config.SSE_POLL_INTERVAL_MS);
    return () => this.followers.delete(follower);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const follower of this.followers) follower.close();
    this.followers.clear();
  }

  private schedule(delayMs: number): void {
    if (this.timer !== undefined || this.stopped || this.followers.size === 0) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    let rows: ProjectEventRow[] = [];
    try {
      rows = await this.events.after(this.cursors(), BATCH);
    } catch (error) {
      this.logger.pino.warn({ err: error }, 'reading project events failed; retrying');
    }
    this.timer = undefined;
    for (const follower of [...this.followers]) {
      const mine = rows.filter(
        (row) => row.project_id === follower.projectId && Number(row.seq) > follower.afterSeq,
      );
      const last = mine.at(-1);
      if (last === undefined) continue;
      follower.afterSeq = Number(last.seq);
      follower.deliver(mine);
    }
    this.schedule(rows.length === BATCH ? 0 : this.config.SSE_POLL_INTERVAL_MS);
  }

  // The lowest cursor per project: one row range serves every follower of that project.
  private cursors(): EventCursor[] {
    const lowest = new Map<string, number>();
    for (const { projectId, afterSeq } of this.followers) {
      lowest.set(projectId, Math.min(afterSeq, lowest.get(projectId) ?? afterSeq));
    }
    return [...lowest].map(([projectId, afterSeq]) => ({ projectId, afterSeq }));
  }
}
