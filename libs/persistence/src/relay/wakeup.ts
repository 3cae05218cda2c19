/**
 * A wait that ends early when signalled. A signal that arrives while nobody waits is kept, so a
 * notification during a batch makes the next wait return at once instead of being lost.
 */
export class Wakeup {
  private pending = false;
  private wake: (() => void) | undefined;

  /** Ends the current wait, or the next one if none is in progress. */
  signal(): void {
    if (this.wake === undefined) {
      this.pending = true;
      return;
    }
    this.wake();
  }

  /** Resolves after `ms` or on {@link Wakeup.signal}, whichever comes first. */
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wake = finish;
    });
  }
}
