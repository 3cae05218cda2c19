import { type DataOf, ProjectSubmittedV1 } from '@agentbus/contracts';
import { RequestValidationError } from '../http/problem/problem.errors';
import { type CreateProjectDto } from './create-project.dto';
import { type GateTimeoutDto, type GateTimeoutsDto } from './gate-timeouts.dto';

type SubmittedData = DataOf<typeof ProjectSubmittedV1>;

/**
 * Maps the validated body to the `ProjectSubmittedV1` data (defaults filled in) and checks it
 * against the contract itself, so what the API accepts is exactly what the orchestrator accepts.
 */
export function submittedData(
  dto: CreateProjectDto,
  projectId: string,
  submittedBy: string,
  workspace: string,
): SubmittedData {
  const { gates, budget, gateTimeouts, gpu } = dto.options ?? {};
  const candidate = {
    projectId,
    name: dto.name,
    requirements: dto.requirements,
    options: {
      gates: {
        ...defined('prd_approval', gates?.prd_approval),
        ...defined('delivery_approval', gates?.delivery_approval),
      },
      ...(budget === undefined
        ? {}
        : {
            budget: {
              ...defined('maxTokens', budget.maxTokens),
              ...defined('maxCostUsd', budget.maxCostUsd),
            },
          }),
      ...(gateTimeouts === undefined ? {} : { gateTimeouts: timeoutsOf(gateTimeouts) }),
      ...defined('gpu', gpu),
    },
    submittedBy,
    workspace,
    ...defined('templateId', dto.templateId),
  };
  const result = ProjectSubmittedV1.data.safeParse(candidate);
  if (!result.success) {
    throw new RequestValidationError(
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return result.data;
}

/** Each gate given: `null` (no timeout) kept as is, a timeout without its absent fields. */
function timeoutsOf(dto: GateTimeoutsDto) {
  const one = (timeout: GateTimeoutDto | null) =>
    timeout === null
      ? null
      : {
          afterSeconds: timeout.afterSeconds,
          action: timeout.action,
          ...defined('maxReminders', timeout.maxReminders),
        };
  return {
    ...(dto.prd_approval === undefined ? {} : { prd_approval: one(dto.prd_approval) }),
    ...(dto.delivery_approval === undefined
      ? {}
      : { delivery_approval: one(dto.delivery_approval) }),
  };
}

const defined = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);
