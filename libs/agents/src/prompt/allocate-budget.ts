import { pipelinePosition, type StageId } from '@agentbus/contracts';

/** What one input would cost whole. */
export interface InputNeed {
  readonly stage: StageId;
  readonly tokens: number;
}

const nearestFirst = (a: InputNeed, b: InputNeed): number =>
  pipelinePosition(b.stage) - pipelinePosition(a.stage);

/**
 * Splits `total` tokens across inputs fairly (max-min): an input that needs less than an equal share
 * gets what it needs and the rest is shared by the others. The nearest upstream stage (latest in the
 * pipeline) is served first, so it gets any remainder of the split.
 */
export const allocateBudget = (
  needs: readonly InputNeed[],
  total: number,
): Map<StageId, number> => {
  const allotments = new Map<StageId, number>();
  let pending = [...needs].sort(nearestFirst);
  let remaining = Math.max(0, Math.floor(total));
  while (pending.length > 0) {
    const share = Math.floor(remaining / pending.length);
    const satisfied = pending.filter((need) => need.tokens <= share);
    if (satisfied.length === 0) {
      let extra = remaining - share * pending.length;
      for (const need of pending) {
        allotments.set(need.stage, share + (extra > 0 ? 1 : 0));
        extra--;
      }
      break;
    }
    for (const need of satisfied) {
      allotments.set(need.stage, need.tokens);
      remaining -= need.tokens;
    }
    pending = pending.filter((need) => need.tokens > share);
  }
  return allotments;
};
