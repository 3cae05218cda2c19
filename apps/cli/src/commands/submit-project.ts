import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ProjectCreated } from '../api/project.schemas';
import { type Submission } from '../api/agent-bus-api';
import { ApiProblemError, GatewayUnreachableError, InterruptedError } from '../errors/cli-errors';
import { type CommandContext } from './command-context';

const ATTEMPTS = 3;
// Errors after which the request may or may not have arrived; a refused connection is not one.
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * Submits with one Idempotency-Key for all attempts, so retrying a request whose answer was lost
 * (connection reset, 503) never creates a second project.
 */
export async function submitProject(
  ctx: CommandContext,
  submission: Submission,
): Promise<ProjectCreated> {
  const key = randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.api.submit(submission, key);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      await sleep(ctx.io.timing.reconnectDelayMs * attempt, undefined, {
        signal: ctx.io.signal,
      }).catch(() => {
        throw new InterruptedError();
      });
    }
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof ApiProblemError) return error.status === 503;
  return error instanceof GatewayUnreachableError && RESET_CODES.has(error.code ?? '');
}
