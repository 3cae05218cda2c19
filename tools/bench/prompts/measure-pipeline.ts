import { PIPELINE_ORDER, type StageId, upstreamStages } from '@agentbus/contracts';
import {
  agentForStage,
  buildPrompt,
  type InputArtifact,
  type PromptContext,
  runAgent,
} from '@agentbus/agents';
import { type LlmRequest, OfflineProvider } from '@agentbus/llm';
import type { BenchProject } from './bench-projects';
import { countTokens } from './count-tokens';
import { memoryFor, shippedSkillsFor } from './prompt-extras';
import { type MissingSection, missingSections } from './required-sections';

/** One stage of one project as measured. */
export interface StageFigures {
  readonly stage: StageId;
  /** Input tokens of the prompt as the agents build it (system + user). */
  readonly built: number;
  /** The same prompt with every earlier artifact pasted whole instead (the original's way). */
  readonly pasteAll: number;
  readonly requiredInputs: readonly StageId[];
  readonly missing: readonly MissingSection[];
}

const INPUT_BLOCK = /<(artifact|digest) stage="[^"]*"[\s\S]*?<\/\1>/g;

const wholeBlock = (stage: StageId, artifact: InputArtifact): string =>
  [
    `<artifact stage="${stage}" version="${artifact.version}" format="${artifact.format}">`,
    artifact.body.trim(),
    '</artifact>',
  ].join('\n');

/**
 * The paste-all baseline (the original system's approach) with the same instructions: the built
 * prompt (system + user) with its input blocks replaced, where the first one stood, by every upstream artifact
 * whole, in pipeline order.
 */
const pasteAllOf = (prompt: string, earlier: readonly [StageId, InputArtifact][]): string => {
  const first = prompt.search(INPUT_BLOCK);
  if (first === -1) return prompt;
  const whole = earlier.map(([stage, artifact]) => wholeBlock(stage, artifact)).join('\n\n');
  const rest = prompt.slice(first).replace(INPUT_BLOCK, '').replace(/^\s+/, '');
  return `${prompt.slice(0, first)}${whole}\n\n${rest}`;
};

// Upstream through `after` only: the parallel reviews never see one another's artifacts.
const upstreamOf = (
  stage: StageId,
  artifacts: ReadonlyMap<StageId, InputArtifact>,
): [StageId, InputArtifact][] =>
  upstreamStages(stage).flatMap((earlier): [StageId, InputArtifact][] => {
    const artifact = artifacts.get(earlier);
    return artifact ? [[earlier, artifact]] : [];
  });

const textOf = (request: LlmRequest): string =>
  [request.system, ...request.messages.map((message) => message.content)].join('\n');

/**
 * Runs every CPU agent of the pipeline on `project` with the offline provider, in process, each
 * stage reading the artifacts the earlier ones produced (plus shipped skills and memory patterns),
 * and measures each prompt against the paste-all baseline.
 */
export const measurePipeline = async (project: BenchProject): Promise<StageFigures[]> => {
  const provider = new OfflineProvider();
  const artifacts = new Map<StageId, InputArtifact>();
  const figures: StageFigures[] = [];
  for (const stage of PIPELINE_ORDER) {
    const agent = agentForStage(stage);
    if (agent === undefined) continue; // GPU work, not an LLM prompt
    const context: PromptContext = {
      projectName: project.name,
      requirements: project.requirements,
      inputs: artifacts,
      memory: memoryFor(agent),
      skills: shippedSkillsFor(agent),
    };
    const prompt = textOf(buildPrompt(agent, context));
    figures.push({
      stage,
      built: countTokens(prompt),
      pasteAll: countTokens(pasteAllOf(prompt, upstreamOf(stage, artifacts))),
      requiredInputs: agent.inputs,
      missing: missingSections(prompt, agent.inputs, artifacts),
    });
    const run = await runAgent(agent, context, provider);
    artifacts.set(stage, { format: run.format, body: run.body, version: 1 });
  }
  return figures;
};
