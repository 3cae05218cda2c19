import { LlmAbortedError, LlmTimeoutError } from '../llm.errors';

/**
 * Runs one call under a deadline and the caller's signal, whichever fires first, and settles as soon
 * as either does, even if `call` ignores its signal. An abort always wins: the SDKs end a stream
 * quietly when their signal fires, so a partial answer after an abort is thrown away, not returned.
 */
export async function withDeadline<T>(
  timeoutMs: number,
  outer: AbortSignal | undefined,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new LlmTimeoutError(`no complete answer within ${timeoutMs} ms`)),
    timeoutMs,
  );
  const onOuterAbort = (): void =>
    controller.abort(new LlmAbortedError('the caller aborted the call', { cause: outer?.reason }));
  if (outer?.aborted) onOuterAbort();
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  let stopWaiting = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    const onAbort = (): void => reject(controller.signal.reason);
    if (controller.signal.aborted) onAbort();
    controller.signal.addEventListener('abort', onAbort, { once: true });
    stopWaiting = () => controller.signal.removeEventListener('abort', onAbort);
  });
  // Rejects only when we race it; keeps Node from reporting it unhandled when `call` wins.
  aborted.catch(() => undefined);
  try {
    if (controller.signal.aborted) throw controller.signal.reason;
    const result = await Promise.race([call(controller.signal), aborted]);
    if (controller.signal.aborted) throw controller.signal.reason;
    return result;
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    clearTimeout(timer);
    stopWaiting();
    outer?.removeEventListener('abort', onOuterAbort);
  }
}
