import { type DataOf, ProjectSubmittedV1 } from '@agentbus/contracts';
import { RequestValidationError } from '../http/problem/problem.errors';
import { type CreateProjectDto } from './create-project.dto';

type SubmittedData = DataOf<typeof ProjectSubmittedV1>;

/**
 * Maps the validated body to the `ProjectSubmittedV1` data (defaults filled in) and checks it
 * against the contract itself, so what the API accepts is exactly what the orchestrator accepts.
 */
export function submittedData(
  dto: CreateProjectDto,
  projectId: string,
  submittedBy: string,
): SubmittedData {
  const { gates, budget } = dto.options ?? {};
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
    },
    submittedBy,
  };
  const result = ProjectSubmittedV1.data.safeParse(candidate);
  if (!result.success) {
    throw new RequestValidationError(
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return result.data;
}

const defined = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);
