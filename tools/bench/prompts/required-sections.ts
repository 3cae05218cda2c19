import type { StageId } from '@agentbus/contracts';
import type { InputArtifact } from '@agentbus/agents';

/** A required section of an input that a prompt does not carry. */
export interface MissingSection {
  readonly stage: StageId;
  /** The section's `## ` heading or top-level JSON key; `(artifact)` when the whole block is gone. */
  readonly section: string;
}

const parseObject = (body: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The sections of an artifact that a prompt must keep to count as having read it: its `## `
 * headings (markdown) or its top-level keys (JSON), the units an agent's output contract requires.
 */
export const sectionsOf = (artifact: InputArtifact): string[] => {
  if (artifact.format === 'json') return Object.keys(parseObject(artifact.body) ?? {});
  return artifact.body
    .split(/\r?\n/)
    .filter((line) => /^##\s+\S/.test(line))
    .map((line) => line.replace(/^##\s+/, '').trim());
};

const blockOf = (prompt: string, stage: StageId): string | undefined => {
  const start = prompt.indexOf(`<artifact stage="${stage}"`);
  if (start === -1) return undefined;
  const end = prompt.indexOf('</artifact>', start);
  return prompt.slice(start, end === -1 ? undefined : end);
};

/**
 * Every section of each required input that `prompt` lacks: the input's block must be there and
 * name each of its sections (a heading, or a JSON key as `"key"`).
 */
export const missingSections = (
  prompt: string,
  required: readonly StageId[],
  inputs: ReadonlyMap<StageId, InputArtifact>,
): MissingSection[] =>
  required.flatMap((stage): MissingSection[] => {
    const artifact = inputs.get(stage);
    const block = blockOf(prompt, stage);
    if (artifact === undefined || block === undefined) return [{ stage, section: '(artifact)' }];
    return sectionsOf(artifact)
      .filter((section) =>
        artifact.format === 'json' ? !block.includes(`"${section}"`) : !block.includes(section),
      )
      .map((section) => ({ stage, section }));
  });
