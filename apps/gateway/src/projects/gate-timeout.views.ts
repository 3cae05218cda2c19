import { GATE_TIMEOUT_ACTIONS } from '@agentbus/contracts';
import { ApiProperty } from '@nestjs/swagger';

/** A gate opening's timeout: what happens if nobody decides, when, and what it did so far. */
export class GateTimeoutView {
  @ApiProperty({ enum: GATE_TIMEOUT_ACTIONS, description: 'The default action' })
  action!: string;

  @ApiProperty({
    description: 'Seconds without a decision before the action (and between reminders)',
  })
  afterSeconds!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description:
      'When the default action (or the next reminder) applies if nobody decides first; null once nothing more will happen',
  })
  deadlineAt!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'remind only: reminders at most' })
  maxReminders!: number | null;

  @ApiProperty({ description: 'approval.reminded events sent for this opening' })
  remindersSent!: number;

  @ApiProperty({
    description: 'The timeout decided the gate (as the system actor), not a reviewer',
  })
  decidedByTimeout!: boolean;
}
