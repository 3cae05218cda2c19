/** One Nest log call turned into pino's `(object, message)` pair. */
export interface NestLogEntry {
  readonly fields: Record<string, unknown>;
  readonly message: string | undefined;
}

const looksLikeStack = (value: string): boolean => /\n\s+at /.test(value);

/**
 * Splits Nest's `(message, ...optionalParams)` convention: a trailing string is the context (the
 * `new Logger('Context')` name) and, for errors, a string that looks like a stack is the stack.
 */
export function toNestLogEntry(message: unknown, params: readonly unknown[]): NestLogEntry {
  const rest = [...params];
  const last = rest.at(-1);
  const fields: Record<string, unknown> = {};
  if (typeof last === 'string' && !looksLikeStack(last)) {
    fields['context'] = last;
    rest.pop();
  }
  const stackAt = rest.findIndex((param) => typeof param === 'string' && looksLikeStack(param));
  if (stackAt >= 0) fields['stack'] = rest.splice(stackAt, 1)[0];
  const extra = rest.filter((param) => param !== undefined);
  if (extra.length > 0) fields['params'] = extra;

  if (typeof message === 'string') return { fields, message };
  if (message instanceof Error) {
    return { fields: { ...fields, err: message }, message: message.message };
  }
  if (typeof message === 'object' && message !== null) {
    return { fields: { ...message, ...fields }, message: undefined };
  }
  return { fields, message: String(message) };
}
