import { ApprovalDecidedV1, createEnvelope, GATE_IDS, type GateId } from '@agentbus/contracts';
import { withOutbox } from '@agentbus/persistence';
import { currentTraceHeaders } from '@agentbus/service-runtime';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProjectCommandLog } from '../audit/project-command-log.repository';
import { type Principal } from '../auth/principal';
import { commandId } from '../commands/command-id.util';
import { NotFoundError } from '../http/problem/problem.errors';
import { projectLinks } from '../projects/project-links.util';
import { ProjectLookupRepository } from '../read-model/project-lookup.repository';
import { ApprovalRepository } from './approval.repository';
import { type DecideApprovalDto, type DecisionAcceptedView } from './decide-approval.dto';
import { DecisionRepository } from './decision.repository';
import { assertDecisionFits } from './decision-rules.util';
import { alreadyDecided, openApproval } from './open-approval.util';

/**
 * Accepts a human decision only while its gate is open (checked against the orchestrator's
 * approvals) and only once per gate opening: the decision row and the `ApprovalDecidedV1` command
 * (id derived from approval and decision) commit together, and the relay publishes it. A second
 * or replayed decision gets 409 at once, even before the orchestrator has closed the gate.
 */
@Injectable()
export class DecideApprovalService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly projects: ProjectLookupRepository,
    private readonly approvals: ApprovalRepository,
    private readonly decisions: DecisionRepository,
    private readonly log: ProjectCommandLog,
  ) {}

  async decide(
    projectId: string,
    gate: string,
    dto: DecideApprovalDto,
    by: Principal,
  ): Promise<DecisionAcceptedView> {
    const gateId = knownGate(gate);
    assertDecisionFits(gateId, dto);
    await this.projects.created(projectId);
    const approval = openApproval(
      await this.approvals.current(projectId, gateId),
      gateId,
      dto.attempt,
    );
    const { decision, comment, raiseBudget } = dto;
    const messageId = commandId('approval', approval.id, decision);
    const common = {
      projectId,
      approvalId: approval.id,
      gate: gateId,
      attempt: approval.attempt,
      decision,
    };
    const data = {
      ...common,
      decidedBy: by.name,
      ...(comment === undefined ? {} : { comment }),
      ...(raiseBudget === undefined ? {} : { raiseBudget: { ...raiseBudget } }),
    };
    await withOutbox(this.db, async (tx, outbox) => {
      const record = { ...common, comment, decidedBy: by.name, messageId };
      const earlier = await this.decisions.record(tx, record);
      if (earlier !== undefined) throw alreadyDecided(gateId, approval.attempt, earlier);
      if (raiseBudget !== undefined) {
        // The orchestrator keeps only the budget that results; the audit shows what was asked.
        const details = { approvalId: approval.id, ...raiseBudget };
        const entry = { messageId, projectId, requestedBy: by.name };
        await this.log.record(tx, { command: 'raise_budget', details, ...entry });
      }
      const meta = { source: 'gateway', correlationId: projectId, id: messageId };
      await outbox.add(createEnvelope(ApprovalDecidedV1, data, meta), currentTraceHeaders());
    });
    return { ...common, status: 'accepted', messageId, links: projectLinks(projectId) };
  }
}

function knownGate(gate: string): GateId {
  if ((GATE_IDS as readonly string[]).includes(gate)) return gate as GateId;
  throw new NotFoundError(
    'gate-not-found',
    `There is no gate "${gate}"; gates are ${GATE_IDS.join(', ')}.`,
  );
}
