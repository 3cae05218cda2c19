import { cutToFit } from './cut-to-fit.util';
import { estimateTokens } from './estimate-tokens.util';
import { summarizeJson } from './summarize-json';
import { summarizeMarkdown } from './summarize-markdown';

/** An artifact body and how it was stored. */
export interface ArtifactText {
  readonly format: 'json' | 'markdown';
  readonly body: string;
}

/** The artifact as it goes into a prompt, and whether it had to be shortened. */
export interface ArtifactSummary {
  readonly text: string;
  readonly summarized: boolean;
}

const parseJson = (body: string): { value: unknown } | undefined => {
  try {
    return { value: JSON.parse(body) as unknown };
  } catch {
    return undefined;
  }
};

/**
 * The artifact whole if it fits `budgetTokens` ({@link estimateTokens}), else a structural summary
 * (keys or headings kept), else a hard cut: the result always fits the budget.
 */
export const summarizeArtifact = (
  artifact: ArtifactText,
  budgetTokens: number,
): ArtifactSummary => {
  const body = artifact.body.trim();
  if (estimateTokens(body) <= budgetTokens) return { text: body, summarized: false };
  const maxChars = Math.max(0, budgetTokens * 4);
  // A JSON artifact that does not parse is summarized as prose rather than dropped.
  const parsed = artifact.format === 'json' ? parseJson(body) : undefined;
  const summary =
    parsed !== undefined
      ? summarizeJson(parsed.value, maxChars)
      : summarizeMarkdown(body, maxChars);
  return { text: summary ?? cutToFit(body, maxChars), summarized: true };
};
