import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields every log line written while handling one message or request carries. */
export interface LogContext {
  readonly correlationId?: string | undefined;
  readonly projectId?: string | undefined;
  readonly messageId?: string | undefined;
  readonly causationId?: string | undefined;
  readonly subject?: string | undefined;
  readonly deliveryCount?: number | undefined;
}

const storage = new AsyncLocalStorage<LogContext>();

/**
 * Runs `fn` with `ctx` merged over the current {@link LogContext}; every log line written inside,
 * however deep in async calls, carries its fields. An explicit `undefined` clears an inherited field.
 */
export function runWithLogContext<T>(ctx: LogContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...ctx }, fn);
}

/** The {@link LogContext} of the running message or request, or `undefined` outside one. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
