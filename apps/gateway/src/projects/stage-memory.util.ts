import { ArtifactRef } from '@agentbus/contracts';

/** What a stage's accepted artifact recorded about memory (`ArtifactRef.memory`). */
export interface StageMemory {
  readonly patternIds: string[];
  readonly unavailable: boolean;
}

const Recorded = ArtifactRef.shape.memory.unwrap();

/**
 * The memory patterns the stage's artifact was written with, from the reference the orchestrator
 * keeps (`stages_v1.artifact`): what a reviewer reads before excluding a pattern and restarting.
 * Null before the stage's first artifact and for artifacts made before the worker asked memory.
 */
export function stageMemory(
  artifact: Readonly<Record<string, unknown>> | null,
): StageMemory | null {
  const parsed = Recorded.safeParse(artifact?.['memory']);
  if (!parsed.success) return null;
  return { patternIds: parsed.data.patternIds, unavailable: parsed.data.unavailable ?? false };
}
