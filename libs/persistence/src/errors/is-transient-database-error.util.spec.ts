import { QueryFailedError } from 'typeorm';
import { PermanentError, RetryableError } from '@agentbus/contracts';
import { isTransientDatabaseError } from './is-transient-database-error.util';
import { asRetryableIfTransient } from './as-retryable-if-transient.util';

const pgError = (code: string, message = `pg error ${code}`): Error =>
  Object.assign(new Error(message), { code });
const typeormError = (code: string): QueryFailedError =>
  new QueryFailedError('SELECT 1', [], pgError(code));

describe(isTransientDatabaseError.name, () => {
  it.each([
    ['serialization failure', '40001'],
    ['deadlock', '40P01'],
    ['lock timeout', '55P03'],
    ['statement timeout', '57014'],
    ['admin shutdown', '57P01'],
    ['connection failure', '08006'],
    ['connection does not exist', '08003'],
    ['too many connections', '53300'],
  ])('retries a %s (%s), raw or wrapped by TypeORM', (_name, code) => {
    expect(isTransientDatabaseError(pgError(code))).toBe(true);
    expect(isTransientDatabaseError(typeormError(code))).toBe(true);
  });

  it.each([
    ['unique violation', '23505'],
    ['not-null violation', '23502'],
    ['syntax error', '42601'],
    ['undefined table', '42P01'],
    ['invalid text representation', '22P02'],
  ])('does not retry a %s (%s)', (_name, code) => {
    expect(isTransientDatabaseError(typeormError(code))).toBe(false);
  });

  it('retries lost sockets and dropped connections without a SQLSTATE', () => {
    expect(isTransientDatabaseError(pgError('ECONNRESET'))).toBe(true);
    expect(isTransientDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isTransientDatabaseError(new Error('x', { cause: new Error('Connection terminated') })),
    ).toBe(true);
  });

  it('finds the code through a cause chain', () => {
    expect(isTransientDatabaseError(new Error('outer', { cause: pgError('40P01') }))).toBe(true);
  });

  it('does not retry plain errors', () => {
    expect(isTransientDatabaseError(new Error('boom'))).toBe(false);
    expect(isTransientDatabaseError('boom')).toBe(false);
    expect(isTransientDatabaseError(undefined)).toBe(false);
  });
});

describe(asRetryableIfTransient.name, () => {
  it('wraps a transient failure, keeping it as the cause', () => {
    const original = typeormError('40001');
    const wrapped = asRetryableIfTransient(original);
    expect(wrapped).toBeInstanceOf(RetryableError);
    expect((wrapped as RetryableError).cause).toBe(original);
  });

  it('passes everything else through unchanged', () => {
    const permanent = new PermanentError('bad');
    const unique = typeormError('23505');
    expect(asRetryableIfTransient(permanent)).toBe(permanent);
    expect(asRetryableIfTransient(unique)).toBe(unique);
  });
});
