import { Inject, Injectable } from '@nestjs/common';
import { type HttpResponse } from '../http/express.types';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { ProjectLookupRepository } from '../read-model/project-lookup.repository';
import { isTerminalState } from '../read-model/project-state.util';
import { unknownProject } from '../read-model/project.errors';
import { carriesCost, costSoFar } from './cost-so-far';
import { isTerminalEvent, type ProjectEventRow, shortEventName } from './project-event';
import { ProjectCostRepository } from './project-cost.repository';
import { ProjectEventRepository } from './project-event.repository';
import { ProjectEventFeed } from './project-event-feed.service';
import { sseCostFrame } from './sse-frame.util';
import { SseWriter } from './sse-writer';

type AfterEvent = (row: ProjectEventRow) => string;
const NOTHING: AfterEvent = () => '';

const REPLAY_PAGE = 500;

/**
 * One SSE stream: replays the project's events after the resume point, then follows new ones,
 * and ends with `event: end` once the project is terminal. Each `stage.completed` and the
 * project's end are followed by an `event: cost` with the stage's and the running cost. The state is read before the replay:
 * the orchestrator writes a state and its event in one transaction, so a project terminal then
 * has its terminal event in the replay.
 */
@Injectable()
export class ProjectEventsService {
  constructor(
    private readonly projects: ProjectLookupRepository,
    private readonly events: ProjectEventRepository,
    private readonly feed: ProjectEventFeed,
    private readonly costs: ProjectCostRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async stream(projectId: string, afterSeq: number, response: HttpResponse): Promise<void> {
    const status = await this.projects.status(projectId);
    if (status === undefined) throw unknownProject(projectId);
    const sse = new SseWriter(response, this.config.SSE_KEEPALIVE_MS);
    let stop = (): void => sse.close();
    response.once('close', () => stop());
    sse.open();
    let last = afterSeq;
    let lastType: string | undefined;
    for (let full = true; full && !sse.isClosed;) {
      const page = await this.events.page(projectId, last, REPLAY_PAGE);
      sse.events(page, await this.costAfter(projectId, page));
      last = Number(page.at(-1)?.seq ?? last);
      lastType = page.at(-1)?.type ?? lastType;
      full = page.length === REPLAY_PAGE;
    }
    if (sse.isClosed) return;
    const endedBy = isTerminalState(status.state)
      ? `project.${status.state}`
      : lastType !== undefined && isTerminalEvent(lastType)
        ? shortEventName(lastType)
        : undefined;
    if (endedBy !== undefined) return sse.end(endedBy);
    // Deliveries are written in order, each after its cost is read.
    let written = Promise.resolve();
    const unfollow = this.feed.follow({
      projectId,
      afterSeq: last,
      deliver: (rows) => {
        written = written.then(async () => {
          const after = await this.costAfter(projectId, rows);
          sse.events(rows, after);
          const type = rows.at(-1)?.type ?? '';
          if (isTerminalEvent(type)) sse.end(shortEventName(type));
          if (sse.isClosed) unfollow();
        });
      },
      close: () => sse.close(),
    });
    stop = () => {
      unfollow();
      sse.close();
    };
  }

  /**
   * The cost frames for `rows`, read once per batch that has a stage completion or the end. The
   * cost is a decoration: if it cannot be read, the events still go out, without it.
   */
  private async costAfter(
    projectId: string,
    rows: readonly ProjectEventRow[],
  ): Promise<AfterEvent> {
    if (!rows.some(carriesCost)) return NOTHING;
    try {
      const calls = await this.costs.calls(projectId);
      return (row) => (carriesCost(row) ? sseCostFrame(costSoFar(row, calls)) : '');
    } catch {
      return NOTHING;
    }
  }
}
