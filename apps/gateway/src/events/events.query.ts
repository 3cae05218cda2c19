import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Optional } from '../http/validation/optional.decorator';

/** Query of `GET /v1/projects/:id/events`. */
export class EventsQuery {
  @ApiPropertyOptional({
    description: 'Resume after this event id, for clients that cannot send Last-Event-ID',
  })
  @Optional()
  @IsString()
  @MaxLength(20)
  lastEventId?: string;
}
