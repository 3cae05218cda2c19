import { type LlmRequest } from '../llm-provider';

/**
 * The request's system prompt plus how to shape the answer. JSON is asked for in the system prompt,
 * not by prefilling `{` as an assistant turn: prefill is rejected when extended thinking is on.
 */
export function systemPromptFor(request: LlmRequest): string {
  const expected = request.expected;
  if (request.outputInstructed === true) return request.system;
  switch (expected.kind) {
    case 'json':
      return [
        request.system,
        'Answer with a single JSON value and nothing else: no prose, no Markdown code fences.',
        `It must validate against this JSON Schema:\n${JSON.stringify(expected.jsonSchema)}`,
      ].join('\n\n');
    case 'markdown':
      return expected.sections.length === 0
        ? request.system
        : [
            request.system,
            `Answer in Markdown with these sections, in this order, each as a "## " heading: ${expected.sections.join(', ')}.`,
          ].join('\n\n');
    case 'text':
      return request.system;
  }
}

const fenced = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/;

/** Strips the Markdown code fence a model sometimes puts around JSON despite being told not to. */
export function unfenceJson(text: string): string {
  const match = fenced.exec(text.trim());
  return match?.[1] ?? text;
}
