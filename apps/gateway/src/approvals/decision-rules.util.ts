import { type GateId } from '@agentbus/contracts';
import { type FieldError } from '../http/problem/problem';
import { RequestValidationError } from '../http/problem/problem.errors';
import { type DecideApprovalDto } from './decide-approval.dto';

/** Checks the rules that tie a decision to its gate; 400 listing each one broken. */
export function assertDecisionFits(gate: GateId, dto: DecideApprovalDto): void {
  const errors: FieldError[] = [];
  if (dto.decision === 'request_changes' && (dto.comment ?? '').trim() === '') {
    errors.push({
      path: 'comment',
      message: 'is required to request changes (say what to change)',
    });
  }
  if (gate === 'budget_exceeded' && dto.decision === 'request_changes') {
    errors.push({ path: 'decision', message: 'budget_exceeded takes approve or reject' });
  }
  const { raiseBudget } = dto;
  if (raiseBudget !== undefined) {
    if (gate !== 'budget_exceeded' || dto.decision !== 'approve') {
      errors.push({
        path: 'raiseBudget',
        message: 'only approving a budget_exceeded gate raises the budget',
      });
    } else if (raiseBudget.maxTokens === undefined && raiseBudget.maxCostUsd === undefined) {
      errors.push({ path: 'raiseBudget', message: 'needs maxTokens or maxCostUsd' });
    }
  }
  if (errors.length > 0) throw new RequestValidationError(errors);
}
