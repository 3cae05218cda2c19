import { PROJECT_STATES, type ProjectState } from '@agentbus/contracts';
import { ApiProperty } from '@nestjs/swagger';

export class ProjectLinksView {
  @ApiProperty({ example: '/v1/projects/0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f' }) self!: string;
  @ApiProperty() events!: string;
  @ApiProperty() artifacts!: string;
}

/** `202` answer to `POST /v1/projects`. */
export class ProjectCreatedView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['queued'] }) status!: 'queued';
  @ApiProperty({ type: () => ProjectLinksView }) links!: ProjectLinksView;
}

/** A project in a list. */
export class ProjectSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PROJECT_STATES }) state!: ProjectState;
  @ApiProperty({ description: 'Name of the API key that submitted it' }) submittedBy!: string;
  @ApiProperty({ example: 'default', description: 'The workspace it belongs to' })
  workspace!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: () => ProjectLinksView }) links!: ProjectLinksView;
}

/** One page of `GET /v1/projects`, newest first. */
export class ProjectPageView {
  @ApiProperty({ type: () => [ProjectSummaryView] }) items!: ProjectSummaryView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor!: string | null;
}
