import { InvalidMessageError, PermanentError, RetryableError } from '@agentbus/contracts';
import { QueryFailedError } from './errors';
import { errorReply } from './query';

describe(errorReply.name, () => {
  it.each([
    [new QueryFailedError('not_found', 'no such agent'), 'not_found', false],
    [new QueryFailedError('busy', 'try later', { retryable: true }), 'busy', true],
    [
      new InvalidMessageError('agentbus.rpc.v1.memory.search', ['data.text: too small']),
      'invalid_request',
      false,
    ],
    [new PermanentError('broken invariant'), 'permanent', false],
    [new RetryableError('chroma down'), 'retryable', true],
    [new Error('surprise'), 'internal', true],
  ])('maps %p to code %p', (error, code, retryable) => {
    expect(errorReply(error)).toEqual({ code, message: error.message, retryable });
  });
});
