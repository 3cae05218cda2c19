import { type ArtifactRef } from '@agentbus/contracts';

/** What an artifact records about memory (`ArtifactRef.memory`, the `memory` column). */
export type MemoryUsed = NonNullable<ArtifactRef['memory']>;

/** A pattern as it went into a prompt, with its id (the prompt shows title and text only). */
export interface PromptPattern {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

/** What memory gave one attempt: the prompt's patterns, best first, and the artifact's record. */
export interface TaskMemory {
  readonly patterns: readonly PromptPattern[];
  readonly used: MemoryUsed;
}
