// Keys whose values are secrets wherever they appear. pino's redaction needs explicit depths, so
// each key is listed at the top level and one and two levels down (`req.headers.authorization`).
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'password',
  'passwd',
  'secret',
  'clientSecret',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'api_key',
  'privateKey',
  'DATABASE_URL',
];

const bracketed = (key: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;

/** pino `redact` paths for common secrets: auth headers, passwords, API keys, `DATABASE_URL`… */
export const DEFAULT_REDACT_PATHS: readonly string[] = SECRET_KEYS.flatMap((key) => {
  const tail = bracketed(key);
  return [tail.startsWith('.') ? key : tail, `*${tail}`, `*.*${tail}`];
});

/** What a redacted value is replaced with (the same marker `redactConfig` uses). */
export const REDACTED = '[redacted]';
