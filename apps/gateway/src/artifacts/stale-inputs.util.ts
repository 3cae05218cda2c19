import { pipelineStage, type StageId, STAGE_IDS } from '@agentbus/contracts';

/** When each stage's accepted version was made (stages with none are absent). */
export type AcceptedAt = ReadonlyMap<string, Date>;

const isStageId = (stage: string): stage is StageId =>
  (STAGE_IDS as readonly string[]).includes(stage);

/**
 * The input stages of `stage` (the pipeline's `inputs`) whose accepted version was made after
 * `createdAt`: the artifact was built on a version of them that has since been superseded (a task
 * carries the inputs accepted when it was dispatched, so one made before them cannot have read
 * them). Empty when it is current.
 */
export function staleInputsOf(stage: string, createdAt: Date, acceptedAt: AcceptedAt): string[] {
  if (!isStageId(stage)) return [];
  return pipelineStage(stage).inputs.filter((input) => {
    const made = acceptedAt.get(input);
    return made !== undefined && made.getTime() > createdAt.getTime();
  });
}
