import { APP_NAMES, type AppName } from '@agentbus/contracts';
import { ApiProperty } from '@nestjs/swagger';

/** One service's share of a deletion. */
export class ServiceDeletionView {
  @ApiProperty({ enum: APP_NAMES }) service!: AppName;
  @ApiProperty({ description: 'The service has deleted everything it kept of the project' })
  done!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Rows (or entries) it deleted' })
  rows!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) at!: string | null;
}

/** `202` of `DELETE /v1/projects/:id` and `GET /v1/projects/:id/deletion`. */
export class ProjectDeletionView {
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({
    enum: ['deleting', 'deleted'],
    description: '`deleted` once every service that keeps project data has deleted its share',
  })
  state!: 'deleting' | 'deleted';
  @ApiProperty({ description: 'Who asked for the deletion (the audit keeps this record)' })
  requestedBy!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: () => [ServiceDeletionView] }) services!: ServiceDeletionView[];
  @ApiProperty({ description: 'Poll this until state is deleted' }) status!: string;
}
