import { Module } from '@nestjs/common';
import { EventNotifications } from './event-notifications';
import { EventsController } from './events.controller';
import { ProjectCostRepository } from './project-cost.repository';
import { ProjectEventFeed } from './project-event-feed.service';
import { ProjectEventRepository } from './project-event.repository';
import { ProjectEventsService } from './project-events.service';

/** A project's events as Server-Sent Events, pushed by the orchestrator's NOTIFY. */
@Module({
  controllers: [EventsController],
  providers: [
    ProjectEventsService,
    ProjectEventRepository,
    ProjectEventFeed,
    EventNotifications,
    ProjectCostRepository,
  ],
})
export class EventsModule {}
