import { type AppLogger } from '@agentbus/observability';
import { eventually } from '@agentbus/testing';
import { type GatewayConfig } from '../config';
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

describe(ProjectEventFeed.name, () => {
  const config = { SSE_POLL_INTERVAL_MS: 5 } as GatewayConfig;
  const logger = { pino: { warn: jest.fn() } } as unknown as AppLogger;
  let events: FakeEvents;
  let sut: ProjectEventFeed;
  beforeEach(() => {
    events = new FakeEvents();
    sut = new ProjectEventFeed(events as unknown as ProjectEventRepository, config, logger);
  });
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

  it('stops delivering to a follower that left, and stops polling when nobody follows', async () => {
    const { follower, seen } = aFollower(P1, 0);
    const unfollow = sut.follow(follower);
    unfollow();
    events.rows = [anEvent(P1, 1)];
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen).toEqual([]);
    expect(events.queries.length).toBeLessThanOrEqual(1);
  });

  it('closes every follower at shutdown and refuses new ones', () => {
    const { follower } = aFollower(P1, 0);
    sut.follow(follower);
    sut.onModuleDestroy();
    expect(follower.close).toHaveBeenCalled();
    const { follower: late } = aFollower(P1, 0);
    sut.follow(late);
    expect(late.close).toHaveBeenCalled();
  });
});
