import { Artifacts1764200000001 } from './1764200000001-artifacts.migration';
import { ReadModels1764900000001 } from './1764900000001-read-models-v1.migration';
import { ArtifactSkills1766070000001 } from './1766070000001-artifact-skills.migration';
import { LlmCallPrompts1766500000001 } from '../llm-calls/1766500000001-llm-call-prompts.migration';
import { TaskMemory1766510000001 } from '../memory/1766510000001-task-memory.migration';
import { ArtifactDigests1766535000001 } from './1766535000001-artifact-digests.migration';
import { LlmUsageCacheTokens1766600000001 } from '../llm-calls/1766600000001-llm-usage-v2.migration';

/**
 * Every migration of the CPU worker's schema, oldest first: its tables, then the views it
 * publishes (ADR 0005). Tests of readers run these to get the views the worker would publish.
 */
export const CPU_WORKER_MIGRATIONS = [
  Artifacts1764200000001,
  ReadModels1764900000001,
  ArtifactSkills1766070000001,
  LlmCallPrompts1766500000001,
  TaskMemory1766510000001,
  ArtifactDigests1766535000001,
  LlmUsageCacheTokens1766600000001,
];
