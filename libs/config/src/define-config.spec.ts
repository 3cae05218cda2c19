import { z } from 'zod';
import { ConfigError, defineConfig, redactConfig } from './define-config';
import { booleanFromEnv } from './common-env';

describe(defineConfig.name, () => {
  const sut = defineConfig({
    HTTP_PORT: z.coerce.number().int().positive().default(3000),
    DATABASE_URL: z.string().url().describe('sensitive'),
    FEATURE: booleanFromEnv(false),
  });

  it('parses and freezes a valid environment, applying defaults', () => {
    const config = sut.load({ DATABASE_URL: 'postgres://u:p@h/db', FEATURE: 'true' });
    expect(config).toEqual({ HTTP_PORT: 3000, DATABASE_URL: 'postgres://u:p@h/db', FEATURE: true });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every invalid variable in one error and never echoes a sensitive value', () => {
    let error: unknown;
    try {
      sut.load({ HTTP_PORT: 'eighty', DATABASE_URL: 'not a url secret' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('HTTP_PORT');
    expect(message).toContain('"eighty"');
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('secret');
  });

  it('treats an empty variable as unset', () => {
    expect(sut.load({ HTTP_PORT: '', DATABASE_URL: 'postgres://h/db' }).HTTP_PORT).toBe(3000);
  });

  it('redacts sensitive keys for logging', () => {
    const config = sut.load({ DATABASE_URL: 'postgres://u:p@h/db' });
    expect(redactConfig(config, sut)).toMatchObject({
      DATABASE_URL: '[redacted]',
      HTTP_PORT: 3000,
    });
  });
});
