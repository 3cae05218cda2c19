import { DECISIONS, GATE_IDS } from '@agentbus/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../../auth/role';
import { INBOX_STATES } from './approval-inbox.query';

/** An artifact a reviewer reads before deciding. */
export class InboxArtifactView {
  @ApiProperty() stage!: string;
  @ApiProperty({ type: Number, nullable: true }) version!: number | null;
  @ApiProperty({ example: '/v1/projects/0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f/artifacts/prd' })
  href!: string;
}

export class InboxLinksView {
  @ApiProperty({ description: 'The project' }) project!: string;
  @ApiProperty({ description: 'POST a decision here (open gates)' }) decide!: string;
  @ApiProperty({ description: "The project's events (approval_requested, ...)" }) events!: string;
}

/** Who decided a gate opening, and when; `pending` until the orchestrator has applied it. */
export class InboxDecisionView {
  @ApiProperty({ enum: DECISIONS }) decision!: string;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty() decidedBy!: string;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
  @ApiProperty() pending!: boolean;
}

/** One gate opening in the reviewers' inbox. */
export class InboxItemView {
  @ApiProperty({ format: 'uuid', description: 'The approval id' }) approvalId!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty() projectName!: string;
  @ApiProperty({ enum: GATE_IDS }) gate!: string;
  @ApiProperty() attempt!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The stage the gate follows' })
  stage!: string | null;
  @ApiProperty({
    description:
      'open; decision_pending (accepted, not applied yet); approved, rejected, changes_requested; superseded (a restart made it obsolete; the gate asks again)',
  })
  state!: string;
  @ApiProperty({ type: String, nullable: true, description: 'budget_exceeded: why' })
  reason!: string | null;
  @ApiProperty({ format: 'date-time', description: 'Waiting since' }) openedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) supersededAt!: string | null;
  @ApiProperty({ enum: ROLES, isArray: true, description: 'Roles that may decide it' })
  mayAct!: string[];
  @ApiProperty({ description: "Whether the caller's role may decide it (and it is open)" })
  canAct!: boolean;
  @ApiProperty({ type: () => InboxDecisionView, nullable: true })
  decision!: InboxDecisionView | null;
  @ApiProperty({ type: () => [InboxArtifactView], description: 'What to read before deciding' })
  artifacts!: InboxArtifactView[];
  @ApiProperty({ type: () => InboxLinksView }) links!: InboxLinksView;
}

/** One page of `GET /v1/approvals`, newest opened first. */
export class InboxPageView {
  @ApiProperty({ enum: INBOX_STATES }) state!: string;
  @ApiProperty({ type: () => [InboxItemView] }) items!: InboxItemView[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
