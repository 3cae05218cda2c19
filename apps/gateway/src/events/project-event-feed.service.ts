import { AppLogger } from '@agentbus/observability';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { EventNotifications } from './event-notifications';
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
const RETRY_MS = 1_000;

/**
 * One reader for every open SSE stream, woken by the events themselves: the orchestrator's commit
 * NOTIFYs the projects it appended to, and one query reads the new rows of those followed projects
 * by `seq` cursor (so order and completeness are the table's), then hands each follower its own.
 * Polls every followed project only while the LISTEN connection is down, and catches up on all of
 * them when it comes back; a new follower is read once at once (it may have missed a wake-up
 * between its replay and joining).
 */
@Injectable()
export class ProjectEventFeed implements OnModuleDestroy {
  private readonly followers = new Map<string, Set<EventFollower>>();
  private readonly due = new Set<string>();
  private dueAll = false;
  private listening: boolean;
  private reading = false;
  private scheduled = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly events: ProjectEventRepository,
    notifications: EventNotifications,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly logger: AppLogger,
  ) {
    this.listening = notifications.isListening;
    notifications.connect({
      wake: (projects) => this.wake(projects),
      listening: (up) => {
        this.listening = up;
        if (!up) return this.schedulePoll();
        clearTimeout(this.pollTimer);
        this.pollTimer = undefined;
      },
    });
  }

  /** Starts delivering to `follower`; returns the function that stops it. */
  follow(follower: EventFollower): () => void {
    if (this.stopped) {
      follower.close();
      return () => undefined;
    }
    const same = this.followers.get(follower.projectId) ?? new Set();
    this.followers.set(follower.projectId, same.add(follower));
    this.wake([follower.projectId]);
    return () => {
      same.delete(follower);
      if (same.size === 0 && this.followers.get(follower.projectId) === same) {
        this.followers.delete(follower.projectId);
      }
    };
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.pollTimer);
    for (const same of this.followers.values()) for (const follower of same) follower.close();
    this.followers.clear();
  }

  /** New events were appended for `projects` (or for some projects: `'all'`). */
  private wake(projects: readonly string[] | 'all'): void {
    if (projects === 'all') this.dueAll = true;
    else for (const id of projects) if (this.followers.has(id)) this.due.add(id);
    if (this.dueAll ? this.followers.size > 0 : this.due.size > 0) this.kick();
  }

  // Coalesces a burst of wake-ups into one read; a wake-up during a read runs another after it.
  private kick(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    if (!this.reading) setImmediate(() => void this.read());
  }

  private async read(): Promise<void> {
    this.scheduled = false;
    this.reading = true;
    const cursors = this.cursors(this.dueAll ? [...this.followers.keys()] : [...this.due]);
    this.dueAll = false;
    this.due.clear();
    let rows: ProjectEventRow[] = [];
    try {
      rows = cursors.length === 0 ? [] : await this.events.after(cursors, BATCH);
    } catch (error) {
      this.logger.pino.warn({ err: error }, 'reading project events failed; retrying');
      const projects = cursors.map((cursor) => cursor.projectId);
      setTimeout(() => this.wake(projects), RETRY_MS).unref();
    }
    this.reading = false;
    if (this.scheduled) setImmediate(() => void this.read()); // woken while reading
    this.deliver(rows);
    if (rows.length === BATCH) this.wake(cursors.map((cursor) => cursor.projectId));
    this.schedulePoll();
  }

  private deliver(rows: readonly ProjectEventRow[]): void {
    const byProject = new Map<string, ProjectEventRow[]>();
    for (const row of rows) {
      const list = byProject.get(row.project_id);
      if (list === undefined) byProject.set(row.project_id, [row]);
      else list.push(row);
    }
    for (const [projectId, mine] of byProject) {
      for (const follower of [...(this.followers.get(projectId) ?? [])]) {
        const unseen = mine.filter((row) => Number(row.seq) > follower.afterSeq);
        const last = unseen.at(-1);
        if (last === undefined) continue;
        follower.afterSeq = Number(last.seq);
        follower.deliver(unseen);
      }
    }
  }

  // Without push, every followed project is read at the poll interval until push is back.
  private schedulePoll(): void {
    if (this.listening || this.stopped || this.pollTimer !== undefined) return;
    if (this.followers.size === 0) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      this.wake('all');
      this.schedulePoll();
    }, this.config.SSE_POLL_INTERVAL_MS);
  }

  // The lowest cursor per project: one row range serves every follower of that project.
  private cursors(projectIds: readonly string[]): EventCursor[] {
    return projectIds.flatMap((projectId) => {
      const seqs = [...(this.followers.get(projectId) ?? [])].map((f) => f.afterSeq);
      return seqs.length === 0 ? [] : [{ projectId, afterSeq: Math.min(...seqs) }];
    });
  }
}
