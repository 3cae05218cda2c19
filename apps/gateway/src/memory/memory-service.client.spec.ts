import { MemoryStatsV1 } from '@agentbus/contracts';
import { QueryFailedError, QueryTimeoutError } from '@agentbus/messaging';
import { type BusQueries } from '@agentbus/messaging-nest';
import { problemThrownBy } from '../../test/support/problem-thrown-by';
import { MemoryServiceClient } from './memory-service.client';

const failingWith = (error: Error) =>
  new MemoryServiceClient({ ask: () => Promise.reject(error) } as unknown as BusQueries);

const problemOf = (client: MemoryServiceClient) => problemThrownBy(client.ask(MemoryStatsV1, {}));

describe(MemoryServiceClient.name, () => {
  it.each([
    ['not-found', 404, 'memory-not-found'],
    ['shipped-template', 409, 'memory-shipped-template'],
    ['not-manual', 409, 'memory-not-manual'],
    ['invalid_request', 400, 'memory-invalid-request'],
  ])('answers the refusal %s as %i %s', async (code, status, slug) => {
    const problem = await problemOf(failingWith(new QueryFailedError(code, 'refused')));
    expect(problem).toMatchObject({ status, slug, detail: expect.stringContaining('refused') });
  });

  it.each([
    [
      'an outage memory reports',
      new QueryFailedError('memory_unavailable', 'x', { retryable: true }),
    ],
    ['no responder', new QueryTimeoutError('agentbus.rpc.v1.memory.stats', 10_000, true)],
    ['no answer in time', new QueryTimeoutError('agentbus.rpc.v1.memory.stats', 10_000, false)],
  ])('answers %s as 503 memory-unavailable with Retry-After', async (_case, error) => {
    expect(await problemOf(failingWith(error))).toMatchObject({
      status: 503,
      slug: 'memory-unavailable',
      detail: expect.stringContaining('/readyz'),
      headers: { 'Retry-After': '5' },
    });
  });

  it('lets an unexpected error through (the filter answers 500)', async () => {
    const error: unknown = await failingWith(new TypeError('bug'))
      .ask(MemoryStatsV1, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
  });
});
