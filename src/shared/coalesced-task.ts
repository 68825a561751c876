/**
 * A task run on request, never twice at once: the requests that arrive while it runs are
 * answered by one more run after it, which sees everything they asked for, however many
 * there were. A failed run is reported to `onError` and never rejects a request.
 */
export class CoalescedTask {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Resolves once a run that started after this request has finished. */
  request(): Promise<void> {
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop();
    return this.running;
  }

  /** Resolves when no run is in flight. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async loop(): Promise<void> {
    // The last check of `again` and the clearing of `running` happen in one synchronous step.
    // Cleared in a `.finally` instead, a request landing in the microtasks between the two set
    // `again` on a run already over and was lost (a new source then waited for the next resync).
    // `running` is assigned before this clears it: the loop awaits at least once.
    try {
      do {
        this.again = false;
        try {
          await this.task();
        } catch (error) {
          this.onError(error);
        }
      } while (this.again);
    } finally {
      this.running = undefined;
    }
  }
}
