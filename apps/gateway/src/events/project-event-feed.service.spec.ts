import { type AppLogger } from '@agentbus/observability';
import { eventually } from '@agentbus/testing';
import { type GatewayConfig } from '../config';
import { type EventNotifications, type EventWakeSink } from './event-notifications';
import { type ProjectEventRow } from './project-event';
import { type EventCursor, type ProjectEventRepository } from './project-event.repository';
import { type EventFollower, ProjectEventFeed } from './project-event-feed.service';

const P1 = '0190c7e4-0000-7000-8000-000000000001';
const P2 = '0190c7e4-0000-7000-8000-000000000002';
const anEvent = (projectId: string, seq: number): ProjectEventRow => ({
  seq: String(seq),
  id: `0190c7e4-0000-7000-8000-${String(seq).padStart(12, '0')}`,
  project_id: projectId,
  type: 'agentbus.workflow.v1.stage.completed',
  data: {},
  created_at: new Date(0),
});

/** A fake `events` table: `after` answers like the SQL does, and records the cursors it got. */
class FakeEvents {
  rows: ProjectEventRow[] = [];
  readonly queries: EventCursor[][] = [];
  async after(cursors: readonly EventCursor[], limit: number): Promise<ProjectEventRow[]> {
    this.queries.push([...cursors]);
    return this.rows
      .filter((row) =>
        cursors.some((c) => c.projectId === row.project_id && Number(row.seq) > c.afterSeq),
      )
      .slice(0, limit);
  }
}

/** A fake LISTEN connection: the test says when it is up and what was notified. */
class FakeNotifications {
  sink: EventWakeSink | undefined;
  constructor(readonly isListening: boolean) {}
  connect(sink: EventWakeSink): void {
    this.sink = sink;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe(ProjectEventFeed.name, () => {
  const logger = { pino: { warn: jest.fn() } } as unknown as AppLogger;
  let events: FakeEvents;
  let notifications: FakeNotifications;
  let sut: ProjectEventFeed;
  const start = (listening: boolean, pollMs: number) => {
    events = new FakeEvents();
    notifications = new FakeNotifications(listening);
    const config = { SSE_POLL_INTERVAL_MS: pollMs } as GatewayConfig;
    sut = new ProjectEventFeed(
      events as unknown as ProjectEventRepository,
      notifications as unknown as EventNotifications,
      config,
      logger,
    );
  };
  afterEach(() => sut.onModuleDestroy());

  const aFollower = (projectId: string, afterSeq: number) => {
    const seen: number[] = [];
    const follower: EventFollower = {
      projectId,
      afterSeq,
      deliver: (rows) => seen.push(...rows.map((row) => Number(row.seq))),
      close: jest.fn(),
    };
    return { follower, seen };
  };

  it('reads all followed projects in one query, from the lowest cursor per project, and delivers each its own', async () => {
    start(false, 5);
    events.rows = [anEvent(P1, 1), anEvent(P2, 2), anEvent(P1, 3), anEvent(P2, 4)];
    const early = aFollower(P1, 0);
    const late = aFollower(P1, 1);
    const other = aFollower(P2, 2);
    for (const { follower } of [early, late, other]) sut.follow(follower);

    await eventually(() => expect(other.seen).toEqual([4]));
    expect(early.seen).toEqual([1, 3]);
    expect(late.seen).toEqual([3]);
    expect(events.queries[0]).toEqual([
      { projectId: P1, afterSeq: 0 },
      { projectId: P2, afterSeq: 2 },
    ]);
  });

  it('while listening, reads only the projects a notification names, and never polls', async () => {
    start(true, 5);
    const one = aFollower(P1, 0);
    const two = aFollower(P2, 0);
    sut.follow(one.follower);
    sut.follow(two.follower);
    await settle();
    const before = events.queries.length;

    events.rows = [anEvent(P1, 1), anEvent(P2, 2)];
    await settle();
    expect(events.queries).toHaveLength(before); // nobody polled
    notifications.sink?.wake([P2]);
    await eventually(() => expect(two.seen).toEqual([2]));
    expect(events.queries.at(-1)).toEqual([{ projectId: P2, afterSeq: 0 }]);
    expect(one.seen).toEqual([]);

    notifications.sink?.wake('all');
    await eventually(() => expect(one.seen).toEqual([1]));
    expect(two.seen).toEqual([2]);
  });

  it('polls every followed project while the connection is lost, and stops once it is back', async () => {
    start(true, 5);
    const { follower, seen } = aFollower(P1, 0);
    sut.follow(follower);
    notifications.sink?.listening(false);
    events.rows = [anEvent(P1, 1)];
    await eventually(() => expect(seen).toEqual([1]));

    notifications.sink?.listening(true);
    await settle();
    const before = events.queries.length;
    await settle();
    expect(events.queries).toHaveLength(before);
  });

  it('stops delivering to a follower that left, and stops polling when nobody follows', async () => {
    start(false, 5);
    const { follower, seen } = aFollower(P1, 0);
    const unfollow = sut.follow(follower);
    unfollow();
    events.rows = [anEvent(P1, 1)];
    await settle();
    expect(seen).toEqual([]);
    expect(events.queries.length).toBeLessThanOrEqual(1);
  });

  it('closes every follower at shutdown and refuses new ones', () => {
    start(true, 5);
    const { follower } = aFollower(P1, 0);
    sut.follow(follower);
    sut.onModuleDestroy();
    expect(follower.close).toHaveBeenCalled();
    const { follower: late } = aFollower(P1, 0);
    sut.follow(late);
    expect(late.close).toHaveBeenCalled();
  });
});
