export * from './agent-definition';
export * from './agents';
export * from './schemas/architecture.schema';
export * from './schemas/development.schema';
export * from './schemas/feature-tree.schema';
export * from './schemas/plan.schema';
export * from './schemas/qa.schema';
export * from './schemas/security.schema';
export * from './schemas/uiux.schema';
export * from './prompt/prompt-context';
export { buildPrompt, MissingInputError } from './prompt/build-prompt';
export { digestArtifact } from './digest/digest-artifact';
export { estimateTokens } from './prompt/estimate-tokens.util';
export { fitMemory, MEMORY_BUDGET_TOKENS } from './prompt/fit-memory.util';
export { fitSkills, SKILLS_BUDGET_TOKENS } from './prompt/fit-skills.util';
export {
  summarizeArtifact,
  type ArtifactSummary,
  type ArtifactText,
} from './prompt/summarize-artifact';
export { parseOutput, type ParsedOutput } from './output/parse-output';
export * from './run/agent-output.errors';
export * from './run/run-agent';
