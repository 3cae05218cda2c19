import { Inject, Injectable } from '@nestjs/common';
import { type HttpResponse } from '../http/express.types';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { ProjectLookupRepository } from '../read-model/project-lookup.repository';
import { isTerminalState } from '../read-model/project-state.util';
import { unknownProject } from '../read-model/project.errors';
import { isTerminalEvent, shortEventName } from './project-event';
import { ProjectEventRepository } from './project-event.repository';
import { ProjectEventFeed } from './project-event-feed.service';
import { SseWriter } from './sse-writer';

const REPLAY_PAGE = 500;

/**
 * One SSE stream: replays the project's events after the resume point, then follows new ones,
 * and ends with `event: end` once the project is terminal. The state is read before the replay:
 * the orchestrator writes a state and its event in one transaction, so a project terminal then
 * has its terminal event in the replay.
 */
@Injectable()
export class ProjectEventsService {
  constructor(
    private readonly projects: ProjectLookupRepository,
    private readonly events: ProjectEventRepository,
    private readonly feed: ProjectEventFeed,
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
      sse.events(page);
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
    const unfollow = this.feed.follow({
      projectId,
      afterSeq: last,
      deliver: (rows) => {
        sse.events(rows);
        const type = rows.at(-1)?.type ?? '';
        if (isTerminalEvent(type)) sse.end(shortEventName(type));
        if (sse.isClosed) unfollow();
      },
      close: () => sse.close(),
    });
    stop = () => {
      unfollow();
      sse.close();
    };
  }
}
