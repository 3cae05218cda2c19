import type { StageId } from '@agentbus/contracts';

/** An earlier artifact the worker loaded for this task. */
export interface InputArtifact {
  readonly format: 'json' | 'markdown';
  readonly body: string;
  readonly version: number;
  /** Its digest as stored with it; made from the body when absent (see digestArtifact). */
  readonly digest?: string;
}

/** A similar past pattern from the memory-service. */
export interface MemoryPattern {
  readonly title: string;
  readonly text: string;
}

/** A skill the registry allows this agent, with its prompt text. */
export interface SkillPrompt {
  readonly name: string;
  readonly prompt: string;
}

/** "Request changes" at a gate: revise the previous version along the reviewer's comment. */
export interface RevisionRequest {
  readonly comment: string;
  readonly previousBody: string;
}

/** Everything {@link buildPrompt} needs besides the agent. */
export interface PromptContext {
  readonly projectName: string;
  readonly requirements: string;
  readonly inputs: ReadonlyMap<StageId, InputArtifact>;
  readonly revision?: RevisionRequest;
  /** Empty until the memory-service answers searches. */
  readonly memory: readonly MemoryPattern[];
  /** Empty until the skills-registry resolves allowlists. */
  readonly skills: readonly SkillPrompt[];
}
