import type { LlmRequest } from '@agentbus/llm';

/**
 * The original request plus the rejected answer and what was wrong with it. Built from the first
 * request each time, so a second repair does not carry the first failed answer along.
 */
export const buildRepairRequest = (
  request: LlmRequest,
  rejected: string,
  problems: readonly string[],
): LlmRequest => ({
  ...request,
  messages: [
    ...request.messages,
    // Providers reject an empty assistant turn.
    { role: 'assistant', content: rejected.trim() === '' ? '(empty answer)' : rejected },
    {
      role: 'user',
      content: [
        'Your answer does not meet the output contract:',
        ...problems.map((problem) => `- ${problem}`),
        'Return the corrected full answer, not a diff or an explanation.',
      ].join('\n'),
    },
  ],
});
