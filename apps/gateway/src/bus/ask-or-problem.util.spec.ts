import { MemoryStatsV1 } from '@agentbus/contracts';
import { QueryFailedError, QueryTimeoutError } from '@agentbus/messaging';
import { type BusQueries } from '@agentbus/messaging-nest';
import { HttpProblemError } from '../http/problem/problem.errors';
import { askOrProblem, type RpcProblems } from './ask-or-problem.util';

const asked: { timeoutMs: number | undefined; correlationId: string }[] = [];
const answering = (outcome: () => Promise<unknown>) =>
  ({
    ask: (
      _query: unknown,
      _data: unknown,
      meta: { correlationId: string },
      options?: { timeoutMs?: number },
    ) => {
      asked.push({ timeoutMs: options?.timeoutMs, correlationId: meta.correlationId });
      return outcome();
    },
  }) as unknown as BusQueries;

const refusedCodes: string[] = [];
const problems: RpcProblems = {
  timeoutMs: 1_234,
  refused: (error) => {
    refusedCodes.push(error.code);
    return error.code === 'ignored'
      ? undefined
      : new HttpProblemError(409, `x-${error.code}`, 'no');
  },
  unavailable: { slug: 'x-unavailable', detail: 'x is down' },
};

const outcomeOf = (error: Error) =>
  askOrProblem(
    answering(() => Promise.reject(error)),
    MemoryStatsV1,
    {},
    problems,
  ).catch((e: unknown) => e);

describe(askOrProblem.name, () => {
  beforeEach(() => {
    asked.splice(0);
    refusedCodes.splice(0);
  });

  it('answers the reply, asking within the deadline under a fresh correlation id', async () => {
    const reply = { total: 3 };
    const queries = answering(() => Promise.resolve(reply));
    await expect(askOrProblem(queries, MemoryStatsV1, {}, problems)).resolves.toBe(reply);
    await askOrProblem(queries, MemoryStatsV1, {}, problems);
    expect(asked.map((a) => a.timeoutMs)).toEqual([1_234, 1_234]);
    expect(asked[0]?.correlationId).not.toEqual(asked[1]?.correlationId);
  });

  it('throws the problem the service names for a refusal', async () => {
    await expect(outcomeOf(new QueryFailedError('taken', 'no'))).resolves.toMatchObject({
      status: 409,
      slug: 'x-taken',
    });
  });

  it.each([
    ['a refusal the service leaves unnamed', new QueryFailedError('ignored', 'hm')],
    ['a retryable error reply', new QueryFailedError('taken', 'busy', { retryable: true })],
    ['no responder', new QueryTimeoutError('agentbus.rpc.v1.memory.stats', 1_234, true)],
    ['no answer in time', new QueryTimeoutError('agentbus.rpc.v1.memory.stats', 1_234, false)],
  ])('answers %s as 503 with Retry-After', async (_case, error) => {
    const problem = await outcomeOf(error);
    expect(problem).toBeInstanceOf(HttpProblemError);
    expect(problem).toMatchObject({
      status: 503,
      slug: 'x-unavailable',
      message: 'x is down',
      title: 'Service Unavailable',
      headers: { 'Retry-After': '5' },
    });
  });

  it('never asks a retryable reply for a refusal problem', async () => {
    await outcomeOf(new QueryFailedError('taken', 'busy', { retryable: true }));
    expect(refusedCodes).toEqual([]);
  });

  it('lets an unexpected error through (the filter answers 500)', async () => {
    await expect(outcomeOf(new TypeError('bug'))).resolves.toBeInstanceOf(TypeError);
  });
});
