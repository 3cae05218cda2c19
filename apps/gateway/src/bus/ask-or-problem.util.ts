import { randomUUID } from 'node:crypto';
import { type DataOf, type QueryDefinition } from '@agentbus/contracts';
import { QueryFailedError, QueryTimeoutError, type QueryResponseOf } from '@agentbus/messaging';
import { type BusQueries } from '@agentbus/messaging-nest';
import { HttpProblemError } from '../http/problem/problem.errors';

/** How the answers of one service behind the gateway become problems. */
export interface RpcProblems {
  /** How long to wait for the answer. */
  readonly timeoutMs: number;
  /** The problem of a refusal (a non-retryable error reply); `undefined` counts it as an outage. */
  readonly refused: (error: QueryFailedError) => HttpProblemError | undefined;
  /** The 503 of an outage: a retryable error reply, no responder, or no answer in time. */
  readonly unavailable: { readonly slug: string; readonly detail: string };
}

/**
 * Asks a service over request/reply (a fresh correlation id per HTTP request) and answers with its
 * typed reply, or throws the {@link HttpProblemError} `problems` names: a refusal as the service
 * classed it, an outage as 503 with `Retry-After: 5`. Anything else (a bug) passes through, for
 * the exception filter's 500.
 */
export async function askOrProblem<Q extends QueryDefinition>(
  queries: BusQueries,
  query: Q,
  data: DataOf<Q['request']>,
  problems: RpcProblems,
): Promise<QueryResponseOf<Q>> {
  try {
    return await queries.ask(
      query,
      data,
      { correlationId: randomUUID() },
      { timeoutMs: problems.timeoutMs },
    );
  } catch (error) {
    const refusal =
      error instanceof QueryFailedError && !error.retryable ? problems.refused(error) : undefined;
    if (refusal !== undefined) throw refusal;
    if (error instanceof QueryTimeoutError || error instanceof QueryFailedError) {
      const { slug, detail } = problems.unavailable;
      throw new HttpProblemError(503, slug, detail, {}, { 'Retry-After': '5' });
    }
    throw error;
  }
}
