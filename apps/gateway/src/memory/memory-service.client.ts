import { Injectable } from '@nestjs/common';
import { type RpcProblems } from '../bus/ask-or-problem.util';
import { BusRpcClient } from '../bus/bus-rpc.client';
import { HttpProblemError } from '../http/problem/problem.errors';

/** Status of each refusal memory names (its error codes); others are 400. */
const STATUS_OF: Readonly<Record<string, number>> = {
  'not-found': 404,
  'shipped-template': 409,
  'not-manual': 409,
};

const NEXT_STEP: Readonly<Record<string, string>> = {
  'not-found': ' GET /v1/memory/search finds patterns by text.',
  'not-manual': ' Store it under a manual-… id.',
};

/** The 503 of every memory route, for the OpenAPI document. */
export const MEMORY_UNAVAILABLE =
  'The memory-service (or its Postgres, Chroma or embedder) did not answer (memory-unavailable); Retry-After says when to try again';

/** How long the gateway waits for memory (a store embeds its text within this). */
const TIMEOUT_MS = 10_000;

const MEMORY_PROBLEMS: RpcProblems = {
  timeoutMs: TIMEOUT_MS,
  refused: (error) => {
    const code = error.code.replace(/_/g, '-');
    return new HttpProblemError(
      STATUS_OF[code] ?? 400,
      `memory-${code}`,
      error.message + (NEXT_STEP[code] ?? ''),
    );
  },
  unavailable: {
    slug: 'memory-unavailable',
    detail:
      'The memory-service did not answer (or its Postgres, Chroma or embedder is down): check that it runs and is ready (its /readyz names what is missing), then retry. Projects still run without memory meanwhile.',
  },
};

/**
 * Asks the memory-service over request/reply and turns its answers into problems: a refusal's
 * code becomes the problem type (`urn:agentbus:problem:memory-<code>`), an outage or silence a 503.
 */
@Injectable()
export class MemoryServiceClient extends BusRpcClient {
  protected readonly problems = MEMORY_PROBLEMS;
}
