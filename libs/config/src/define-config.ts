import { z } from 'zod';

/** Thrown by {@link ConfigLoader.load} with one line per invalid variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A parsed, typed configuration loader for one app's environment. */
export interface ConfigLoader<S extends z.ZodRawShape> {
  readonly shape: S;
  /** Parses the environment once; throws {@link ConfigError} naming every bad variable. */
  load(env: Record<string, string | undefined>): Readonly<z.infer<z.ZodObject<S>>>;
  /** Names of keys described as `sensitive` (never logged). */
  readonly sensitiveKeys: readonly string[];
}

/** Defines an app's configuration from a zod shape of environment variables. */
export function defineConfig<S extends z.ZodRawShape>(shape: S): ConfigLoader<S> {
  const schema = z.object(shape);
  const sensitiveKeys = Object.entries(shape)
    .filter(([, field]) => (field as z.ZodType).description === 'sensitive')
    .map(([key]) => key);
  return {
    shape,
    sensitiveKeys,
    load(env) {
      // Empty strings mean "unset": `FOO= node main.js` should take the default, not fail parsing.
      const present = Object.fromEntries(
        Object.keys(shape).flatMap((key) => {
          const value = env[key];
          return value === undefined || value === '' ? [] : [[key, value]];
        }),
      );
      const result = schema.safeParse(present);
      if (!result.success) {
        throw new ConfigError(
          result.error.issues.map((issue) => {
            const key = issue.path.join('.') || '(root)';
            const shown = sensitiveKeys.includes(key) ? '' : describeValue(present[key]);
            return `${key}: ${issue.message}${shown}`;
          }),
        );
      }
      return Object.freeze(result.data);
    },
  };
}

/** Returns a copy of a loaded config with sensitive values replaced, for logging. */
export function redactConfig<T extends object>(
  config: T,
  loader: { sensitiveKeys: readonly string[] },
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      loader.sensitiveKeys.includes(key) ? '[redacted]' : value,
    ]),
  );
}

function describeValue(value: unknown): string {
  return value === undefined ? ' (not set)' : ` (got ${JSON.stringify(value)})`;
}
