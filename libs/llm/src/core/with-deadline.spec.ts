import { LlmAbortedError, LlmTimeoutError } from '../llm.errors';
import { withDeadline } from './with-deadline';

const never = (): Promise<string> => new Promise(() => undefined);

describe(withDeadline.name, () => {
  it('returns what the call returns', async () => {
    await expect(withDeadline(1_000, undefined, () => Promise.resolve('ok'))).resolves.toBe('ok');
  });

  it('times out a call that ignores its signal', async () => {
    await expect(withDeadline(20, undefined, never)).rejects.toBeInstanceOf(LlmTimeoutError);
  });

  it('aborts the signal it hands to the call when the deadline passes', async () => {
    let seen: AbortSignal | undefined;
    await withDeadline(20, undefined, (signal) => {
      seen = signal;
      return never();
    }).catch(() => undefined);
    expect(seen?.aborted).toBe(true);
  });

  it("turns the caller's abort into LlmAbortedError, even before the call starts", async () => {
    const controller = new AbortController();
    controller.abort();
    const call = jest.fn(never);

    await expect(withDeadline(1_000, controller.signal, call)).rejects.toBeInstanceOf(
      LlmAbortedError,
    );
    expect(call).not.toHaveBeenCalled();
  });

  it('discards an answer that arrives after an abort (SDK streams end quietly when aborted)', async () => {
    const controller = new AbortController();
    const quietlyEnded = withDeadline(1_000, controller.signal, async () => {
      controller.abort();
      return 'partial';
    });
    await expect(quietlyEnded).rejects.toBeInstanceOf(LlmAbortedError);
  });

  it('passes other failures through', async () => {
    const failure = new Error('bad request');
    await expect(withDeadline(1_000, undefined, () => Promise.reject(failure))).rejects.toBe(
      failure,
    );
  });
});
