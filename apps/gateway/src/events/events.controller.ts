import { Get, Headers, Param, Query, Res } from '@nestjs/common';
import {
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
} from '@nestjs/swagger';
import { type HttpResponse } from '../http/express.types';
import { ApiController } from '../auth/api-controller.decorator';
import { Roles } from '../auth/roles.decorator';
import { ProjectIdParams } from '../projects/project-id.params';
import { EventsQuery } from './events.query';
import { resumeAfter } from './last-event-id.util';
import { ProjectEventsService } from './project-events.service';

@ApiController('projects', 'events')
export class EventsController {
  constructor(private readonly events: ProjectEventsService) {}

  @Get(':id/events')
  @Roles('viewer')
  @ApiOperation({
    summary: 'The project as Server-Sent Events: history, then live, then `event: end`',
    description:
      'Each event has `id: <seq>`, `event: <type>` (e.g. stage.completed) and one JSON `data` line ' +
      '{id, seq, type, time, projectId, data}. Reconnect with Last-Event-ID to resume. After each ' +
      'stage.completed and the project end comes an `event: cost` (no id) with {afterSeq, projectId, ' +
      'stage, attempt, stageUsage, total}: tokens (input, cached, cache write, output) and US dollars ' +
      'of the stage and of the project so far.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event' })
  @ApiOkResponse({ description: 'An event stream', content: { 'text/event-stream': {} } })
  @ApiNotFoundResponse({ description: 'Unknown project' })
  stream(
    @Param() { id }: ProjectIdParams,
    @Query() query: EventsQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() response: HttpResponse,
  ): Promise<void> {
    return this.events.stream(id, resumeAfter(lastEventId, query.lastEventId), response);
  }
}
