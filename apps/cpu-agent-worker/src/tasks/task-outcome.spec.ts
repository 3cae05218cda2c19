import { AgentOutputError } from '@agentbus/agents';
import { PermanentError, RetryableError } from '@agentbus/contracts';
import { isTransientFailure, taskErrorOf } from './task-outcome';

const withCode = (message: string, code: string): Error =>
  Object.assign(new Error(message), { code });

describe(isTransientFailure.name, () => {
  it.each<[string, unknown]>([
    ['a rate limit or provider outage', new RetryableError('429 from the provider')],
    [
      'a refused database connection',
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
    ],
    ['a connection dropped by a Postgres restart', new Error('Connection terminated unexpectedly')],
    [
      'a server shutting down',
      withCode('terminating connection due to administrator command', '57P01'),
    ],
    ['a database still starting', withCode('the database system is starting up', '57P03')],
  ])('retries %s on the same attempt', (_what, error) => {
    expect(isTransientFailure(error)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['an output the model got wrong', new AgentOutputError('architect', ['bad json'], [])],
    ['a permanent failure', new PermanentError('missing input')],
    ['a constraint violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a bug', new TypeError('x is undefined')],
  ])('reports %s to the orchestrator', (_what, error) => {
    expect(isTransientFailure(error)).toBe(false);
  });
});

describe(taskErrorOf.name, () => {
  it('names the failure and says whether another attempt may help', () => {
    expect(taskErrorOf(new PermanentError('missing input'))).toEqual({
      code: 'permanent',
      message: 'missing input',
      retryable: false,
    });
    expect(taskErrorOf(new AgentOutputError('architect', ['bad json'], []))).toMatchObject({
      code: 'agent_output',
      retryable: true,
    });
  });
});
