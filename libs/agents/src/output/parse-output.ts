import type { ZodType } from 'zod';
import type { AgentDefinition } from '../agent-definition';
import { describeIssues } from './describe-issues.util';
import { extractJson } from './extract-json';
import { checkSections } from './markdown-sections';

/** A valid answer (`body` is what gets stored) or the problems to send back for repair. */
export type ParsedOutput =
  | { readonly ok: true; readonly value: unknown; readonly body: string }
  | { readonly ok: false; readonly problems: readonly string[] };

// A whole answer wrapped in one ```markdown fence is common; the fence is not part of the document.
const WHOLE_FENCE = /^```(?:markdown|md)?[ \t]*\r?\n([\s\S]*?)\r?\n?```$/i;

const parseJsonOutput = (schema: ZodType, text: string): ParsedOutput => {
  const extracted = extractJson(text);
  if (extracted === undefined) {
    return { ok: false, problems: ['the answer contains no JSON object'] };
  }
  const result = schema.safeParse(extracted.value);
  if (!result.success) return { ok: false, problems: describeIssues(result.error.issues) };
  // Stable storage form: the parsed value (keys in schema order), two-space indent.
  return { ok: true, value: result.data, body: JSON.stringify(result.data, null, 2) };
};

const parseMarkdownOutput = (sections: readonly string[], text: string): ParsedOutput => {
  const trimmed = text.trim();
  const body = (WHOLE_FENCE.exec(trimmed)?.[1] ?? trimmed).trim();
  if (body === '') return { ok: false, problems: ['the answer is empty'] };
  const problems = checkSections(body, sections);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: body, body };
};

/** Checks a model's answer against the agent's output contract. */
export const parseOutput = (agent: AgentDefinition, text: string): ParsedOutput => {
  switch (agent.output.kind) {
    case 'json':
      return parseJsonOutput(agent.output.schema, text);
    case 'markdown':
      return parseMarkdownOutput(agent.output.sections, text);
  }
};
