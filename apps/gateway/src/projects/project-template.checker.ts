import { MemoryPatternGetV1 } from '@agentbus/contracts';
import { BusQueries } from '@agentbus/messaging-nest';
import { Injectable } from '@nestjs/common';
import { askOrProblem } from '../bus/ask-or-problem.util';
import { HttpProblemError } from '../http/problem/problem.errors';

/** What a DTO says of a malformed memory pattern id (checked with `PatternId` before asking). */
export const PATTERN_ID_MESSAGE =
  'must be a memory pattern id (letters, digits, ".", "_", ":", "-"; at most 200)';

// A submission waits this long for memory before answering 503 (the request is not accepted).
const TIMEOUT_MS = 5_000;

const unknownTemplate = (templateId: string, why: string): HttpProblemError =>
  new HttpProblemError(
    422,
    'unknown-template',
    `templateId: ${templateId} ${why}; GET /v1/memory/templates lists the templates.`,
    { errors: [{ path: 'templateId', message: `${why} (${templateId})` }] },
  );

/**
 * Checks a submission's `templateId` with the memory-service (`agentbus.rpc.v1.pattern.get`): it
 * must name a stored pattern of type `template`, or the submission is refused with 422 naming the
 * field. Memory down or silent is 503: the requester may retry, or submit without the template.
 */
@Injectable()
export class ProjectTemplateChecker {
  constructor(private readonly queries: BusQueries) {}

  async check(templateId: string): Promise<void> {
    const { type } = await askOrProblem(
      this.queries,
      MemoryPatternGetV1,
      { id: templateId },
      {
        timeoutMs: TIMEOUT_MS,
        // Any other refusal says nothing about the template: like an outage, the requester retries.
        refused: (error) =>
          error.code === 'not-found'
            ? unknownTemplate(templateId, 'is not a pattern in memory')
            : undefined,
        unavailable: {
          slug: 'memory-unavailable',
          detail:
            'The memory-service did not answer, so templateId cannot be checked: retry later, or submit without templateId (the project then runs without a template).',
        },
      },
    );
    if (type !== 'template') {
      throw unknownTemplate(templateId, `is a ${type} pattern, not a template`);
    }
  }
}
