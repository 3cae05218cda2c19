/**
 * Runs `run` at most once per `windowMs`, always after the last request (trailing): a replay of a
 * project's history (dozens of events at once) costs one reload of the detail, not one per event.
 */
export function coalesce(run: () => void, windowMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      run();
    }, windowMs);
  };
}
