import { PatternType, type StageId } from '@agentbus/contracts';

/**
 * The pattern type a stage's artifact is kept as: the stage's own name where memory has that type;
 * stages without one (plan, support, pm_review, delivery, ml_feasibility) are not kept.
 */
export function patternTypeOfStage(stage: StageId | string): PatternType | undefined {
  const parsed = PatternType.safeParse(stage);
  return parsed.success && parsed.data !== 'template' ? parsed.data : undefined;
}
