import { Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { ProjectEventFeed } from './project-event-feed.service';
import { ProjectEventRepository } from './project-event.repository';
import { ProjectEventsService } from './project-events.service';

/** A project's events as Server-Sent Events. */
@Module({
  controllers: [EventsController],
  providers: [ProjectEventsService, ProjectEventRepository, ProjectEventFeed],
})
export class EventsModule {}
