import { DECISIONS, GATE_IDS, STAGE_IDS } from '@agentbus/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_KINDS, type AuditKind, DECISION_STATUSES } from './audit-entry.rows';

/** Limits an approver asked for when raising a budget (null: that limit was not raised). */
export class RaisedBudgetView {
  @ApiProperty({ type: Number, nullable: true }) maxTokens!: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxCostUsd!: number | null;
}

/**
 * One thing someone did to a project. `kind` says which fields are present: `submitted`: name;
 * `decision` and `budget_raised` (an approved budget_exceeded gate): gate, attempt, stage,
 * decision, comment, status, raiseBudget; `cancel`: reason (if given); `restart`: fromStage;
 * `superseded` (a restart made a gate's approval or open request obsolete; the gate asks again):
 * gate, attempt, stage, fromStage, decision (the one that no longer stands, if any).
 */
export class AuditEntryView {
  @ApiProperty({ format: 'uuid', description: 'Project, approval or command message id' })
  id!: string;

  @ApiProperty({ enum: AUDIT_KINDS }) kind!: AuditKind;

  @ApiProperty({
    format: 'date-time',
    description:
      'When it happened: submitted; a decision applied by the orchestrator, else accepted by the gateway; a cancel or restart accepted',
  })
  at!: string;

  @ApiProperty({ description: 'Who: the name of the API key (or token subject) that did it' })
  actor!: string;

  @ApiPropertyOptional({ description: 'submitted: the project name' }) name?: string;
  @ApiPropertyOptional({ enum: GATE_IDS }) gate?: string;
  @ApiPropertyOptional() attempt?: number;
  @ApiPropertyOptional({ type: String, nullable: true }) stage?: string | null;
  @ApiPropertyOptional({ enum: DECISIONS }) decision?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) comment?: string | null;

  @ApiPropertyOptional({
    enum: DECISION_STATUSES,
    description:
      'applied by the orchestrator; pending (accepted, not applied yet); not_applied (the gate closed first, e.g. on cancel)',
  })
  status?: (typeof DECISION_STATUSES)[number];

  @ApiPropertyOptional({
    type: () => RaisedBudgetView,
    nullable: true,
    description: 'budget_raised: the limits asked for; null: enough for the stages ready then',
  })
  raiseBudget?: RaisedBudgetView | null;

  @ApiPropertyOptional({
    description:
      "decision: present (true) when the gate's timeout decided it by its default action; the actor is then `system`",
  })
  automatic?: boolean;

  @ApiPropertyOptional({ description: 'cancel: the reason given' }) reason?: string;
  @ApiPropertyOptional({
    enum: STAGE_IDS,
    nullable: true,
    description: 'restart: re-run from this stage; superseded: the restart that did it',
  })
  fromStage?: string | null;
}

/** One page of `GET /v1/projects/:id/audit`, oldest first. */
export class AuditPageView {
  @ApiProperty({ type: () => [AuditEntryView] }) items!: AuditEntryView[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
