import { ApprovalDecidedV1, GATE_IDS, type GateId } from '@agentbus/contracts';
import { BusPublisher } from '@agentbus/messaging-nest';
import { Injectable } from '@nestjs/common';
import { type Principal } from '../auth/principal';
import { commandId } from '../commands/command-id.util';
import { ConflictError, NotFoundError } from '../http/problem/problem.errors';
import { projectLinks } from '../projects/project-links.util';
import { ProjectLookupRepository } from '../read-model/project-lookup.repository';
import { ApprovalRepository } from './approval.repository';
import { type DecideApprovalDto, type DecisionAcceptedView } from './decide-approval.dto';
import { assertDecisionFits } from './decision-rules.util';

const isGate = (gate: string): gate is GateId => (GATE_IDS as readonly string[]).includes(gate);

/**
 * Sends a human decision to the orchestrator, only while the gate is open (checked against the
 * orchestrator's approvals). The message id is derived from (approval, decision), so a replayed
 * request before the orchestrator closes the gate is deduped, and one after it gets 409.
 */
@Injectable()
export class DecideApprovalService {
  constructor(
    private readonly projects: ProjectLookupRepository,
    private readonly approvals: ApprovalRepository,
    private readonly bus: BusPublisher,
  ) {}

  async decide(
    projectId: string,
    gate: string,
    dto: DecideApprovalDto,
    by: Principal,
  ): Promise<DecisionAcceptedView> {
    if (!isGate(gate)) {
      throw new NotFoundError(
        'gate-not-found',
        `There is no gate "${gate}"; gates are ${GATE_IDS.join(', ')}.`,
      );
    }
    assertDecisionFits(gate, dto);
    await this.projects.created(projectId);
    const approval = await this.approvals.current(projectId, gate);
    if (approval === undefined || approval.state !== 'open') {
      const detail =
        approval === undefined
          ? `The ${gate} gate of this project has not opened.`
          : `The ${gate} gate (attempt ${approval.attempt}) is ${approval.state}` +
            (approval.decision === null
              ? '.'
              : `: ${approval.decision} by ${approval.decided_by ?? 'unknown'}.`);
      throw new ConflictError('gate-not-open', detail, {
        gate,
        ...(approval && { attempt: approval.attempt }),
      });
    }
    if (dto.attempt !== undefined && dto.attempt !== approval.attempt) {
      throw new ConflictError(
        'gate-attempt-not-open',
        `Attempt ${dto.attempt} of the ${gate} gate is not open; attempt ${approval.attempt} is.`,
        { gate, attempt: approval.attempt },
      );
    }
    const messageId = commandId('approval', approval.id, dto.decision);
    const { decision, comment, raiseBudget } = dto;
    const data = {
      projectId,
      approvalId: approval.id,
      gate,
      attempt: approval.attempt,
      decision,
      decidedBy: by.name,
      ...(comment === undefined ? {} : { comment }),
      ...(raiseBudget === undefined ? {} : { raiseBudget: { ...raiseBudget } }),
    };
    await this.bus.publish(ApprovalDecidedV1, data, { correlationId: projectId, id: messageId });
    return {
      projectId,
      approvalId: approval.id,
      gate,
      attempt: approval.attempt,
      decision,
      status: 'accepted',
      messageId,
      links: projectLinks(projectId),
    };
  }
}
