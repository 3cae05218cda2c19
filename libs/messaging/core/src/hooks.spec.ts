import pino from 'pino';
import { type BusLogger, errorFields, silentLogger } from './hooks';

describe('BusLogger', () => {
  it('is satisfied by a pino logger', () => {
    const logger: BusLogger = pino({ enabled: false });
    expect(() => logger.info({ a: 1 }, 'message')).not.toThrow();
    expect(() => silentLogger.error({}, 'dropped')).not.toThrow();
  });
});

describe(errorFields.name, () => {
  it('describes errors and non-errors', () => {
    expect(errorFields(new TypeError('bad'))).toMatchObject({
      err: { name: 'TypeError', message: 'bad' },
    });
    expect(errorFields(42)).toEqual({ err: { name: 'NonError', message: '42' } });
  });
});
