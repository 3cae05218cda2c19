import { RetryableError } from '@agentbus/contracts';
import { EmbedderUnavailableError } from '@agentbus/memory';
import { QueryFailedError } from '@agentbus/messaging';

/**
 * Runs an admin query's work: a storage or embedder outage becomes `memory_unavailable`
 * (retryable, the gateway answers 503); refusals thrown as {@link QueryFailedError} pass as they
 * are; anything else is the bus's `internal` reply.
 */
export async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RetryableError || error instanceof EmbedderUnavailableError) {
      throw new QueryFailedError('memory_unavailable', error.message, {
        retryable: true,
        cause: error,
      });
    }
    throw error;
  }
}
